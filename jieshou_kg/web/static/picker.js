// Progressive enhancement for long pickers: a filter box above the <select>.
// Without JavaScript the plain <select> works as it is.
document.querySelectorAll("input.picker-filter").forEach((box) => {
  const select = document.getElementById(box.dataset.for);
  if (!select) return;
  box.hidden = false;
  box.addEventListener("input", () => {
    const needle = box.value.trim().toLowerCase();
    let first = null;
    for (const option of select.options) {
      const match = !needle || option.text.toLowerCase().includes(needle) || option.value.toLowerCase().includes(needle);
      option.hidden = !match;
      if (match && !first && option.value) first = option;
    }
    if (first && select.selectedOptions[0] && select.selectedOptions[0].hidden) select.value = first.value;
  });
});
