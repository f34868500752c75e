// DOM building without HTML parsing: every text from the store goes in as textContent,
// so article text (untrusted) can never become markup or script.

export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = String(value);
    else if (key === "className") node.className = String(value);
    else if (key === "dataset") Object.assign(node.dataset, value);
    else node.setAttribute(key, String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The text with [start, end) wrapped in a <mark>: three nodes, no markup parsed.
export function highlighted(text, start, end) {
  const box = el("div", { className: "article-text" });
  const ok = Number.isInteger(start) && Number.isInteger(end) && 0 <= start && start < end
    && end <= text.length;
  if (!ok) {
    box.append(document.createTextNode(text));
    return { box, mark: null };
  }
  const mark = el("mark", { text: text.slice(start, end) });
  box.append(document.createTextNode(text.slice(0, start)), mark,
    document.createTextNode(text.slice(end)));
  return { box, mark };
}

// Only web links become links; javascript:, data: and the rest stay text.
export function safeUrl(url) {
  if (typeof url !== "string") return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

// A CSS class from a store value: letters, digits, dashes only.
export function token(value) {
  return String(value ?? "").replace(/[^A-Za-z0-9-]/g, "_");
}
