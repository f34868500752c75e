"""Evaluation against annotated corpora: TimeML/TIMEX3 reading, tagging, writing, scoring.

``timeml`` reads and writes TimeML documents, ``tagger`` runs the temporal engine over a
document's text, ``score`` implements the TempEval-3 Task A measures.
"""
