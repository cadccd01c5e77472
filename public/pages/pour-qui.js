// "Pour moi" / "Pour un proche" (progressive enhancement: without this script the server refuses
// the holder's own identity for a relative and gives the fields back empty). Choosing a relative
// empties the identity fields, which held the FranceConnect identity; "Pour moi" puts it back.
const form = document.getElementById('formulaire-reservation');
if (form) {
  const holder = { firstName: form.dataset.holderFirstName, lastName: form.dataset.holderLastName, birthDate: form.dataset.holderBirthDate };
  const fields = Object.keys(holder).map((name) => form.elements.namedItem(name));
  const isHolder = () => fields.every((field) => field.value.trim() === holder[field.name]);
  for (const radio of form.querySelectorAll('input[name="who"]')) {
    radio.addEventListener('change', () => {
      if (!radio.checked) return;
      if (radio.value === 'proche' && isHolder()) for (const field of fields) field.value = '';
      if (radio.value === 'moi' && fields.every((field) => field.value.trim() === '')) for (const field of fields) field.value = holder[field.name] ?? '';
    });
  }
}
