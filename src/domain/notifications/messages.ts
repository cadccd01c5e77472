// The texts patients receive, in plain French: what, when, where, the price rule, how to cancel or
// move, and a reference, in the pages' words ("tarif de la Sécurité sociale", "9 h 20", "0 800 00 00 00").
// No health data beyond the word "consultation", no patient name. SMS stay within two GSM-7 parts:
// the place is shortened if a long name or address would overflow.
import { FRENCH_MONTHS as MONTHS, FRENCH_WEEKDAYS as WEEKDAYS } from '../french-calendar';
import { readablePhone } from '../phone';
import { isoWithOffset } from '../time';
import { smsLength, toGsm7 } from './gsm';
import type { NotificationKind } from './kinds';

export interface MessageFacts {
  kind: NotificationKind;
  /** The booking's short reference (domain/booking-reference.ts); none for a waitlist offer. */
  reference: string | null;
  /** A waitlist offer: until when the slot is kept for the person. */
  offerExpiresAt?: Date;
  startsAt: Date;
  timeZone: string;
  siteName: string;
  address: string;
  /** The personal link's token (/rdv/<token>, /attente/<token> for an offer), for every message but a cancellation notice. */
  linkToken?: string;
  /** PUBLIC_URL: where the patient manages their bookings. */
  publicUrl: string;
  /** CALL_CENTRE_PHONE, E.164. */
  callCentrePhone: string;
}

export const MAX_SMS_SEGMENTS = 2;

/** "mardi 15 décembre à 9 h 20", "… à 14 h", on the site's clock, with no-break spaces as on the pages. */
export function frenchDateTime(instant: Date, timeZone: string): string {
  const local = isoWithOffset(instant, timeZone);
  const [y, m, d] = local.slice(0, 10).split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
  const minutes = local.slice(14, 16);
  return `${weekday} ${d} ${MONTHS[m - 1]} à ${Number(local.slice(11, 13))}\u00a0h${minutes === '00' ? '' : `\u00a0${minutes}`}`;
}

/** The money rule, in the words of the pages. */
export const TARIFF_WORDS = 'tarif de la Sécurité sociale, sans dépassement d’honoraires';

/** "10 h", "9 h 20", on the site's clock. */
const frenchTime = (instant: Date, timeZone: string) => frenchDateTime(instant, timeZone).split(' à ')[1];

/**
 * Where the patient manages this booking: their personal link; without one, /rdv (reference and
 * birth date). A cancelled booking has nothing left to manage: the service's home, to book again.
 * An offer is answered at /attente/<token>, or by phone.
 */
function manageLink(f: MessageFacts): string {
  if (f.kind === 'cancellation') return `${f.publicUrl}/`;
  if (f.kind === 'waitlist_offer') return f.linkToken ? `${f.publicUrl}/attente/${f.linkToken}` : `${f.publicUrl}/`;
  return f.linkToken ? `${f.publicUrl}/rdv/${f.linkToken}` : `${f.publicUrl}/rdv`;
}

/** Until when an offer keeps its slot: a time of the day it is sent (an offer lasts at most two hours). */
const keptUntil = (f: MessageFacts) => frenchTime(f.offerExpiresAt!, f.timeZone);

/**
 * Kept short so that the pages' wording (the tariff, "9 h 20", "0 800 …") fits two GSM-7 parts with
 * the personal link whole: "RDV", "Réf.", and one verb for the way to cancel or move.
 */
function smsTemplate(f: MessageFacts, place: string): string {
  const when = frenchDateTime(f.startsAt, f.timeZone);
  const contact = `${manageLink(f)} ou ${readablePhone(f.callCentrePhone)}. Réf. ${f.reference}`;
  switch (f.kind) {
    case 'waitlist_offer':
      return `Un créneau s'est libéré : ${when} : ${place}. Au ${TARIFF_WORDS}. Gardé pour vous jusqu'à ${keptUntil(f)}. Accepter, refuser : ${manageLink(f)} ou ${readablePhone(f.callCentrePhone)}`;
    case 'confirmation':
      return `RDV confirmé ${when} : ${place}. Au ${TARIFF_WORDS}. Annuler, déplacer : ${contact}`;
    case 'reminder':
      return `Rappel : RDV demain ${when} : ${place}. Au ${TARIFF_WORDS}. Un imprévu ? ${contact}`;
    case 'reminder_soon':
      return `Rappel : RDV aujourd'hui ${when} : ${place}. Un imprévu ? ${contact}`;
    case 'change':
      return `RDV déplacé au ${when} : ${place}. Au ${TARIFF_WORDS}. Annuler, déplacer : ${contact}`;
    case 'doctor_change':
      return `RDV du ${when} maintenu avec un autre médecin : ${place}. Même heure, même lieu. Annuler, déplacer : ${contact}`;
    case 'cancellation':
      return `Votre RDV du ${when} (${place}) est annulé, veuillez nous en excuser. Reprendre RDV : ${contact}`;
  }
}

/** The SMS, in GSM-7, within MAX_SMS_SEGMENTS parts: the place is cut (with "...") only if it must be. */
export function smsText(f: MessageFacts): string {
  const place = toGsm7(`${f.siteName}, ${f.address}`).replace(/\s+/g, ' ').trim();
  const fits = (text: string) => smsLength(text).segments <= MAX_SMS_SEGMENTS;
  let text = toGsm7(smsTemplate(f, place));
  for (let n = place.length - 1; !fits(text) && n > 0; n--) {
    text = toGsm7(smsTemplate(f, `${place.slice(0, n).trimEnd()}...`));
  }
  return text;
}

const SUBJECTS: Record<NotificationKind, string> = {
  confirmation: 'Votre rendez-vous est confirmé',
  reminder: 'Rappel : votre consultation de demain',
  reminder_soon: 'Rappel : votre consultation d’aujourd’hui',
  change: 'Votre rendez-vous a été déplacé',
  doctor_change: 'Un autre médecin assurera votre consultation',
  cancellation: 'Votre rendez-vous est annulé',
  waitlist_offer: 'Un créneau s’est libéré pour vous',
};

const LEADS: Record<NotificationKind, string> = {
  confirmation: 'Votre rendez-vous avec un médecin du dispositif « Un médecin près de chez vous » est confirmé.',
  reminder: 'Nous vous rappelons votre consultation de demain.',
  reminder_soon: 'Nous vous rappelons votre consultation d’aujourd’hui.',
  change: 'Votre rendez-vous a été déplacé. Voici le nouvel horaire.',
  doctor_change:
    'Un autre médecin volontaire du dispositif assurera votre consultation. Le jour, l’heure et le lieu ne changent pas.',
  cancellation: 'Votre rendez-vous a été annulé. Veuillez nous en excuser.',
  waitlist_offer:
    'Vous attendiez un rendez-vous : un créneau s’est libéré près de chez vous, et nous le gardons pour vous quelques instants.',
};

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The email: the same facts as the SMS, in full, as plain text and simple HTML. */
export function emailMessage(f: MessageFacts): EmailMessage {
  const when = frenchDateTime(f.startsAt, f.timeZone);
  const phone = readablePhone(f.callCentrePhone);
  const link = manageLink(f);
  const cancelled = f.kind === 'cancellation';
  const offer = f.kind === 'waitlist_offer';
  const lines: Array<[label: string, value: string]> = [
    ['Date', when],
    ['Lieu', `${f.siteName}, ${f.address}`],
    ...(cancelled ? [] : [['Tarif', `Consultation au ${TARIFF_WORDS}.`] as [string, string]]),
    ...(offer ? [['Gardé pour vous jusqu’à', frenchDateTime(f.offerExpiresAt!, f.timeZone)] as [string, string]] : []),
    ...(f.reference ? [['Référence', f.reference] as [string, string]] : []),
  ];
  const action = cancelled
    ? `Pour reprendre rendez-vous : ${link} ou par téléphone au ${phone}.`
    : offer
      ? `Pour l’accepter ou le refuser : ${link} ou par téléphone au ${phone}. Sans réponse à temps, il sera proposé à la personne suivante.`
      : `Pour annuler ou déplacer ce rendez-vous : ${link} ou par téléphone au ${phone}.`;
  const text = [
    LEADS[f.kind],
    '',
    ...lines.map(([k, v]) => `${k} : ${v}`),
    '',
    action,
    '',
    'Ce message est envoyé automatiquement ; merci de ne pas y répondre.',
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><body>',
    `<p>${escapeHtml(LEADS[f.kind])}</p>`,
    `<ul>${lines.map(([k, v]) => `<li><strong>${escapeHtml(k)} :</strong> ${escapeHtml(v)}</li>`).join('')}</ul>`,
    `<p>${escapeHtml(action.split(link)[0])}<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>${escapeHtml(action.split(link)[1])}</p>`,
    '<p><small>Ce message est envoyé automatiquement ; merci de ne pas y répondre.</small></p>',
    '</body></html>',
  ].join('');
  return { subject: `${SUBJECTS[f.kind]} – ${when}`, text, html };
}
