// Pickers that find a name as it is typed: by its name in either language, another name (高新区管委会,
// 市住建局), its pinyin (caizheng) or initials (czj). The site answers at /pickers/<type>?q= (cached), so a
// long list is never written into the page. With no match the picker says so and the form is not sent,
// so 查询 never runs the previous choice. Without JavaScript the plain <select> works as it is.
document.querySelectorAll("input.picker-filter").forEach((box) => {
  const select = document.getElementById(box.dataset.for);
  const status = document.getElementById(box.getAttribute("aria-describedby"));
  if (!select) return;
  box.hidden = false;
  const placeholder = select.options[0] && select.options[0].value === "" ? select.options[0].cloneNode(true) : null;
  const original = Array.from(select.options).map((o) => o.cloneNode(true));
  let asked = 0;

  const show = (options, message) => {
    const keep = select.value;
    select.replaceChildren(...(placeholder ? [placeholder.cloneNode(true)] : []), ...options);
    const still = options.find((o) => o.value === keep);
    select.value = still ? keep : options.length ? options[0].value : "";
    status.textContent = message;
    box.setCustomValidity(options.length ? "" : message);
  };

  const find = async () => {
    const words = box.value.trim();
    const ask = ++asked;
    if (!words) {
      show(original.filter((o) => o.value !== "").map((o) => o.cloneNode(true)), "");
      return;
    }
    const url = `/pickers/${encodeURIComponent(box.dataset.kind)}?lang=${box.dataset.lang}&q=${encodeURIComponent(words)}`;
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    if (ask !== asked || !response.ok) return;
    const found = await response.json();
    const options = found.choices.map((c) => {
      const option = new Option(c.text, c.value);
      option.lang = c.lang;
      return option;
    });
    const message = options.length
      ? box.dataset.found.replace("{n}", found.total)
      : box.dataset.none.replace("{word}", words);
    show(options, message);
  };

  let timer = null;
  box.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(find, 120);
  });
  box.form && box.form.addEventListener("submit", (event) => {
    if (!box.checkValidity()) {
      event.preventDefault();
      box.reportValidity();
    }
  });
});
