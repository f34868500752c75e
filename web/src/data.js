// Where the page's data comes from: the JSON API of `dateline serve`, or the copy that
// `dateline export --format html` inlines into the file as a JSON block (never run).

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) {
    const error = body && body.error ? `${body.error.code}: ${body.error.message}` : response.status;
    throw new Error(`${url}: ${error}`);
  }
  return body;
}

export function openSource(doc) {
  const block = doc.getElementById("dateline-data");
  if (block) {
    const data = JSON.parse(block.textContent);
    return {
      page: async () => data.page,
      event: async (id) => data.events[id] ?? null,
      article: async (id) => data.articles[id] ?? null,
    };
  }
  // Relative URLs, so a server mounted under a prefix still finds its API.
  return {
    page: () => getJson("api/page"),
    event: (id) => getJson(`api/events/${encodeURIComponent(id)}`),
    article: (id) => getJson(`api/articles/${encodeURIComponent(id)}`),
  };
}
