"""Scale out and keep up: the analyze stage on a Dask cluster, and folders watched for
new articles. Neither is needed for a plain ``dateline ingest``."""
