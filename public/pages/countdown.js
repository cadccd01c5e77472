// The hold's countdown (progressive enhancement: without this script the page states the end
// time and "Prolonger" is a plain form button). Announces the time left politely each minute and
// warns 30 seconds before the end (RGAA 13.1: at least 20 seconds), pointing at the button.
const note = document.getElementById('compte-a-rebours');
if (note) {
  // The server's clock, not the device's: a wrong phone clock must not end the hold early.
  const offset = Date.parse(note.dataset.now) - Date.now();
  const end = Date.parse(note.dataset.expiresAt);
  const live = document.createElement('p');
  live.setAttribute('role', 'status');
  live.className = 'fr-text--bold fr-mt-2w';
  (note.closest('.fr-notice') ?? note).after(live);
  let warned = false;
  const say = (text) => { if (live.textContent !== text) live.textContent = text; };
  const tick = () => {
    const left = Math.max(0, Math.round((end - (Date.now() + offset)) / 1000));
    const minutes = Math.ceil(left / 60);
    if (left === 0) {
      say('Le temps est écoulé : ce créneau n’est plus gardé pour vous. Rechargez la page pour le choisir à nouveau s’il est libre.');
      return;
    }
    if (left <= 30 && !warned) {
      warned = true;
      live.setAttribute('role', 'alert');
      say(`Attention : il reste ${left} secondes. Cliquez sur « Prolonger de quelques minutes » pour garder ce créneau.`);
    } else if (left > 30) {
      say(left >= 60 ? `Il reste environ ${minutes} minute${minutes > 1 ? 's' : ''}.` : 'Il reste moins d’une minute.');
    }
    setTimeout(tick, 1000);
  };
  tick();
}
