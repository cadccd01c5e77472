// Suggestions while typing a commune (progressive enhancement: without this script, the results
// page lists the communes that match). Fills the field's <datalist> from GET /v1/communes?q=.
const input = document.getElementById('q');
const list = document.getElementById('communes-suggestions');
let timer;
let controller;

async function suggest() {
  const q = input.value.trim();
  if (q.length < 2 || !/^(\d{2,5}|[\p{L}][\p{L}' ’-]*)$/u.test(q)) return;
  controller?.abort();
  controller = new AbortController();
  try {
    const res = await fetch(`/v1/communes?q=${encodeURIComponent(q)}`, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!res.ok) return;
    const { items } = await res.json();
    list.replaceChildren(
      ...items.map((c) => {
        const option = document.createElement('option');
        // "Pissos (40410)": the results page reads the postcode to tell namesakes apart.
        option.value = c.postcodes.length ? `${c.name} (${c.postcodes[0]})` : c.name;
        return option;
      }),
    );
  } catch {
    // aborted or offline: the form still works without suggestions
  }
}

if (input && list) {
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 250);
  });
}
