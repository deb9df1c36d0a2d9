// YASGUI, served from this site (no CDN), pointed at /sparql, with the saved queries as example tabs.
// Links to this dataset's IRIs are rewritten to the site's own pages.
(function () {
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const element = document.getElementById("yasgui");
  if (!window.Yasgui || !element) return;
  document.getElementById("plain-editor").hidden = true;
  const endpoint = new URL(config.endpoint, window.location.href).href;
  // An error is shown as the site's message (in the page's language), not as the raw JSON of the answer.
  const siteError = async (error) => {
    try {
      const message = JSON.parse(error.text || "").error.message;
      if (!message) return undefined;
      const text = document.createElement("p");
      text.className = "sparql-error";
      text.textContent = message;
      return text;
    } catch (_) {
      return undefined;
    }
  };
  Yasgui.Yasr.defaults.errorRenderers = [siteError, ...(Yasgui.Yasr.defaults.errorRenderers || [])];
  // A new tab starts with every prefix of the vocabulary declared.
  const prefixes = Object.entries(config.prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n");
  const yasgui = new Yasgui(element, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    yasqe: { value: `${prefixes}\n\nSELECT ?task ?text WHERE {\n  ?task a jk:Task ; jk:text ?text .\n} LIMIT 20`,
             autocompleters: ["prefixes", "variables"] },
  });
  const first = yasgui.getTab();
  first.setQuery(config.examples[0][2]);
  first.setName(config.examples[0][1]);
  config.examples.slice(1, 8).forEach(([slug, title, query]) => {
    yasgui.addTab(false, { ...Yasgui.Tab.getDefaults(), name: title, yasqe: { value: query } });
  });
  const local = (href) => href.startsWith(config.base) ? "/" + href.slice(config.base.length) : href;
  // YASGUI's tabs are links to panels that mostly do not exist yet, and its inputs have no labels: make them
  // plain links and labelled fields, so that screen readers are told nothing false.
  const repair = () => {
    element.querySelectorAll('[role="tablist"]').forEach((list) => list.removeAttribute("role"));
    element.querySelectorAll('a[role="tab"]').forEach((tab) => {
      ["role", "aria-controls", "aria-selected"].forEach((name) => tab.removeAttribute(name));
    });
    element.querySelectorAll("input.autocomplete:not([aria-label])").forEach((input) => {
      input.setAttribute("aria-label", config.labels.endpoint);
    });
    element.querySelectorAll(".CodeMirror textarea:not([aria-label])").forEach((area) => {
      area.setAttribute("aria-label", config.labels.query);
    });
    element.querySelectorAll('.CodeMirror-scroll[tabindex="-1"]').forEach((scroll) => scroll.setAttribute("tabindex", "0"));
  };
  new MutationObserver(() => {
    element.querySelectorAll(`a[href^="${config.base}"]`).forEach((a) => { a.href = local(a.getAttribute("href")); });
    repair();
  }).observe(element, { childList: true, subtree: true, attributes: true, attributeFilter: ["role", "tabindex"] });
  repair();
})();
