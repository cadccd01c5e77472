// The doctor's check-in offers the device's position (progressive enhancement: without this
// script, or when the position is refused, the form checks in without one). A box to tick asks
// for the position only when the doctor wants it, and says in words what happened.
const form = document.querySelector('form[data-geolocation]');
if (form && 'geolocation' in navigator) {
  const slot = form.querySelector('#position');
  const latitude = form.querySelector('input[name="latitude"]');
  const longitude = form.querySelector('input[name="longitude"]');
  const group = document.createElement('div');
  group.className = 'fr-checkbox-group';
  const box = document.createElement('input');
  box.type = 'checkbox';
  box.id = 'joindre-position';
  const label = document.createElement('label');
  label.className = 'fr-label';
  label.htmlFor = box.id;
  label.textContent = 'Joindre ma position (facultatif)';
  const status = document.createElement('p');
  status.setAttribute('role', 'status');
  status.className = 'fr-text--sm fr-mt-1w';
  group.append(box, label);
  slot.append(group, status);
  const clear = () => {
    latitude.value = '';
    longitude.value = '';
  };
  box.addEventListener('change', () => {
    clear();
    if (!box.checked) {
      status.textContent = 'Votre position ne sera pas transmise.';
      return;
    }
    status.textContent = 'Recherche de votre position…';
    navigator.geolocation.getCurrentPosition(
      (position) => {
        latitude.value = String(position.coords.latitude);
        longitude.value = String(position.coords.longitude);
        status.textContent = 'Position trouvée : elle sera transmise avec votre pointage.';
      },
      () => {
        box.checked = false;
        status.textContent = 'Position indisponible : vous pouvez pointer sans elle.';
      },
      { enableHighAccuracy: true, timeout: 10000, maximumAge: 60000 },
    );
  });
}
