// The one catalogue of problem codes: status, title and description in French and English. Call
// sites make errors with problem(code, detail?) (src/domain/problem.ts), so a code missing here does
// not compile; titles, statuses, French texts, the contract's `code` enum and the /problems/{code}
// pages all come from here.
export interface ProblemText {
  title: string;
  description: string;
}

export interface ProblemEntry {
  status: number;
  /** Rarely, one code is answered with two statuses; see zone_not_priority. */
  otherStatuses?: readonly number[];
  en: ProblemText;
  fr: ProblemText;
}

const entry = (status: number, en: [string, string], fr: [string, string], otherStatuses?: number[]): ProblemEntry => ({
  status,
  ...(otherStatuses ? { otherStatuses } : {}),
  en: { title: en[0], description: en[1] },
  fr: { title: fr[0], description: fr[1] },
});

export const PROBLEMS = {
  // 400: the request itself is wrong.
  validation_failed: entry(
    400,
    ['Invalid request', 'Some fields are invalid; `errors` lists each one.'],
    ['Requête invalide', 'Certains champs sont invalides ; `errors` les énumère.'],
  ),
  bad_request: entry(
    400,
    ['Bad request', 'The request could not be read (for example a body that is not JSON).'],
    ['Requête illisible', 'La requête n’a pas pu être lue (par exemple un corps qui n’est pas du JSON).'],
  ),
  invalid_cursor: entry(
    400,
    ['Invalid cursor', 'The cursor is not one this API returned.'],
    ['Curseur invalide', 'Ce curseur n’a pas été fourni par cette API.'],
  ),
  conditional_create_unsupported: entry(
    400,
    [
      'Conditional create unsupported',
      'FHIR’s If-None-Exist is not supported: an Idempotency-Key header makes a retry safe.',
    ],
    [
      'Création conditionnelle non prise en charge',
      'L’en-tête If-None-Exist de FHIR n’est pas pris en charge : un en-tête Idempotency-Key rend une nouvelle tentative sans risque.',
    ],
  ),
  invalid_range: entry(
    400,
    ['Invalid range', 'The end of the range must come after its start.'],
    ['Période invalide', 'La fin de la période doit suivre son début.'],
  ),
  range_too_long: entry(
    400,
    ['Range too long', 'The requested period is longer than this operation allows.'],
    ['Période trop longue', 'La période demandée dépasse ce que permet cette opération.'],
  ),
  idempotency_key_required: entry(
    400,
    [
      'Idempotency-Key required',
      'Send an Idempotency-Key header (a UUID is a good choice) so that a retried request cannot book twice.',
    ],
    [
      'Idempotency-Key requis',
      'Envoyez un en-tête Idempotency-Key (un UUID convient) : une requête rejouée ne réservera pas deux fois.',
    ],
  ),
  idempotency_key_invalid: entry(
    400,
    ['Invalid Idempotency-Key', 'The Idempotency-Key must be 8 to 200 printable ASCII characters.'],
    ['Idempotency-Key invalide', 'L’Idempotency-Key compte de 8 à 200 caractères ASCII imprimables.'],
  ),
  call_reference_required: entry(
    400,
    ['Call reference required', 'Call-centre agents give the callReference of the call they book for.'],
    ['Référence d’appel requise', 'Les agents du centre d’appels indiquent la callReference de l’appel.'],
  ),
  invalid_text: entry(
    400,
    ['Invalid text', 'A text field contains a character that cannot be stored (NUL).'],
    ['Texte invalide', 'Un champ texte contient un caractère qui ne peut pas être enregistré (NUL).'],
  ),
  invalid_call_reference: entry(
    400,
    ['Invalid call reference', 'A call reference is 1 to 64 letters, digits, dots, colons, underscores or hyphens.'],
    [
      'Référence d’appel invalide',
      'Une référence d’appel compte 1 à 64 lettres, chiffres, points, deux-points, tirets bas ou tirets.',
    ],
  ),
  // 401, 403, 404
  unauthorized: entry(
    401,
    ['Authentication required', 'This operation needs a bearer token.'],
    ['Authentification requise', 'Cette opération demande un jeton (bearer).'],
  ),
  invalid_token: entry(
    401,
    ['Invalid token', 'The bearer token was refused: expired, badly signed, or for another audience.'],
    ['Jeton invalide', 'Le jeton a été refusé : expiré, mal signé ou destiné à un autre service.'],
  ),
  forbidden: entry(
    403,
    ['Forbidden', 'The caller’s role may not do this.'],
    ['Accès refusé', 'Le rôle de l’appelant ne permet pas cette opération.'],
  ),
  region_scope_missing: entry(
    403,
    [
      'No region scope',
      'An ARS caller works on named regions, or nationally when said so: the token carries no `regions` claim (or the account no regions).',
    ],
    [
      'Aucune région',
      'Un agent d’ARS travaille sur des régions nommées, ou sur tout le pays si c’est dit : ce jeton ne porte pas de revendication `regions` (ou ce compte aucune région).',
    ],
  ),
  not_found: entry(
    404,
    ['Not found', 'Nothing here, or nothing this caller may see.'],
    ['Introuvable', 'Rien ici, ou rien que cet appelant puisse voir.'],
  ),
  zone_not_priority: entry(
    404,
    ['Not a priority zone', 'This EPCI or commune is not in a priority zone of the scheme.'],
    ['Hors zone prioritaire', 'Cette intercommunalité ou commune n’est pas en zone prioritaire du dispositif.'],
    [422],
  ),
  // 409: the current state says no.
  conflict: entry(
    409,
    ['Conflict', 'The request conflicts with the current state.'],
    ['Conflit', 'La requête contredit l’état actuel.'],
  ),
  concurrent_update: entry(
    409,
    ['Concurrent update', 'Another request changed this resource at the same time; retry.'],
    ['Modification simultanée', 'Une autre requête a modifié cette ressource au même moment ; réessayez.'],
  ),
  slot_unavailable: entry(
    409,
    ['Slot unavailable', 'This slot is already booked or held by someone else. Search again for another.'],
    ['Créneau indisponible', 'Ce créneau est déjà réservé ou retenu par quelqu’un d’autre. Cherchez-en un autre.'],
  ),
  hold_not_active: entry(
    409,
    ['Hold not active', 'This hold was released or already used.'],
    ['Option inactive', 'Cette option a été libérée ou déjà utilisée.'],
  ),
  hold_expired: entry(
    409,
    ['Hold expired', 'This hold has expired; hold the slot again if it is still free.'],
    ['Option expirée', 'Cette option a expiré ; reprenez le créneau s’il est encore libre.'],
  ),
  hold_extension_limit_reached: entry(
    409,
    [
      'Hold extended too often',
      'This hold has been extended as many times as allowed; book the slot or hold it again.',
    ],
    [
      'Option trop prolongée',
      'Cette option a été prolongée autant de fois que permis ; réservez le créneau ou reprenez-le.',
    ],
  ),
  hold_exists: entry(
    409,
    ['Hold exists', 'You already hold a slot; book or release it first.'],
    ['Option existante', 'Vous retenez déjà un créneau ; réservez-le ou libérez-le d’abord.'],
  ),
  hold_limit_reached: entry(
    409,
    ['Too many holds', 'This caller holds as many slots as allowed at once.'],
    ['Trop d’options', 'Cet appelant retient déjà autant de créneaux que permis.'],
  ),
  webhook_endpoint_limit_reached: entry(
    409,
    ['Too many webhook endpoints', 'A client may register at most 10 webhook endpoints.'],
    ['Trop de points de réception', 'Un client peut enregistrer au plus 10 points de réception de webhooks.'],
  ),
  booking_limit_reached: entry(
    409,
    ['Booking limit reached', 'This patient already has the maximum number of upcoming bookings in the scheme.'],
    [
      'Limite de rendez-vous atteinte',
      'Ce patient a déjà le nombre maximal de rendez-vous à venir dans le dispositif.',
    ],
  ),
  account_booking_limit_reached: entry(
    409,
    ['Account booking limit reached', 'This account already has the maximum number of upcoming bookings.'],
    ['Limite du compte atteinte', 'Ce compte a déjà le nombre maximal de rendez-vous à venir.'],
  ),
  client_zone_booking_limit_reached: entry(
    409,
    [
      'Partner limit reached in this zone',
      'This partner application already holds its share of this zone’s upcoming bookings.',
    ],
    [
      'Limite du partenaire atteinte',
      'Cette application partenaire détient déjà sa part des rendez-vous à venir de cette zone.',
    ],
  ),
  idempotency_conflict: entry(
    409,
    ['Request in progress', 'A request with this Idempotency-Key is being processed; retry shortly.'],
    [
      'Requête en cours',
      'Une requête avec cette Idempotency-Key est en cours de traitement ; réessayez dans un instant.',
    ],
  ),
  too_late_to_cancel: entry(
    409,
    ['Too late to cancel', 'The consultation has started; it can no longer be cancelled.'],
    ['Annulation trop tardive', 'La consultation a commencé ; elle ne peut plus être annulée.'],
  ),
  too_late_to_reschedule: entry(
    409,
    ['Too late to reschedule', 'The consultation has started; it can no longer be moved.'],
    ['Report trop tardif', 'La consultation a commencé ; elle ne peut plus être déplacée.'],
  ),
  not_reschedulable: entry(
    409,
    ['Cannot reschedule', 'Only a booked consultation can be moved; this one is cancelled, under way, over or missed.'],
    [
      'Report impossible',
      'Seul un rendez-vous réservé peut être déplacé ; celui-ci est annulé, en cours, terminé ou manqué.',
    ],
  ),
  invalid_transition: entry(
    409,
    [
      'Invalid change of status',
      'Bookings go booked → arrived → fulfilled, booked → cancelled or booked → noshow; this change is not one of them.',
    ],
    [
      'Changement de statut impossible',
      'Un rendez-vous passe de réservé à arrivé puis honoré, ou à annulé, ou à absent ; ce changement n’en fait pas partie.',
    ],
  ),
  too_early_for_arrival: entry(
    409,
    ['Too early', 'Arrivals are recorded from 60 minutes before the mission starts.'],
    ['Trop tôt', 'Les arrivées sont enregistrées à partir de 60 minutes avant le début de la mission.'],
  ),
  too_early_for_no_show: entry(
    409,
    ['Too early', 'A patient can be marked absent only once their slot has started.'],
    ['Trop tôt', 'Un patient ne peut être déclaré absent qu’une fois son créneau commencé.'],
  ),
  mission_date_taken: entry(
    409,
    ['Date taken', 'You already have a mission on this date.'],
    ['Date déjà prise', 'Vous avez déjà une mission à cette date.'],
  ),
  mission_already_cancelled: entry(
    409,
    ['Already cancelled', 'This mission is already cancelled.'],
    ['Déjà annulée', 'Cette mission est déjà annulée.'],
  ),
  mission_checked_in: entry(
    409,
    ['Checked in', 'You have checked in to this mission; it can no longer be cancelled.'],
    ['Présence enregistrée', 'Vous êtes arrivé à cette mission ; elle ne peut plus être annulée.'],
  ),
  mission_started: entry(
    409,
    ['Mission started', 'A mission that has started can no longer be cancelled or handed over.'],
    ['Mission commencée', 'Une mission commencée ne peut plus être annulée ni confiée à un autre médecin.'],
  ),
  mission_not_offered: entry(
    409,
    ['Not on offer', 'This mission day is not, or no longer, offered to other volunteers.'],
    ['Journée non proposée', 'Cette journée n’est pas, ou plus, proposée aux autres médecins volontaires.'],
  ),
  handover_after_check_in: entry(
    409,
    ['Checked in', 'The doctor has checked in to this mission; it can no longer be handed over.'],
    [
      'Arrivée déjà pointée',
      'Le médecin a pointé son arrivée : la journée ne peut plus être confiée à un autre médecin.',
    ],
  ),
  handover_to_self: entry(
    409,
    ['Already yours', 'This mission day is already yours.'],
    ['Journée déjà à vous', 'Cette journée de mission est déjà la vôtre.'],
  ),
  mission_cancelled: entry(
    409,
    ['Mission cancelled', 'This mission is cancelled.'],
    ['Mission annulée', 'Cette mission est annulée.'],
  ),
  undo_day_over: entry(
    409,
    ['Too late to undo', 'An arrival or a no-show can be undone only until the end of the mission’s day, at the site.'],
    [
      'Trop tard pour annuler',
      'Une arrivée ou une absence ne s’annule que jusqu’à la fin du jour de la mission, à l’heure du lieu.',
    ],
  ),
  check_out_too_early: entry(
    409,
    ['Too early to check out', 'Check-out opens when the mission starts; `startsAt` gives the time.'],
    ['Départ trop tôt', 'Le départ se pointe à partir du début de la mission ; `startsAt` donne l’heure.'],
  ),
  not_checked_in: entry(
    409,
    ['Not checked in', 'Check in to the mission first.'],
    ['Arrivée non enregistrée', 'Enregistrez d’abord votre arrivée à la mission.'],
  ),
  zone_already_priority: entry(
    409,
    ['Already a priority zone', 'This EPCI is already a priority zone.'],
    ['Déjà prioritaire', 'Cette intercommunalité est déjà une zone prioritaire.'],
  ),
  webhook_disabled: entry(
    409,
    [
      'Webhook endpoint disabled',
      'This webhook endpoint is disabled (it answered 410 Gone, or failed for days); enable it first.',
    ],
    [
      'Point de réception désactivé',
      'Ce point de réception de webhooks est désactivé (il a répondu 410 Gone, ou échoué pendant des jours) ; réactivez-le d’abord.',
    ],
  ),
  booking_anonymised: entry(
    409,
    [
      'Booking anonymised',
      'This booking’s patient data was erased (retention period over, or erasure on request); it no longer changes.',
    ],
    [
      'Rendez-vous anonymisé',
      'Les données du patient de ce rendez-vous ont été effacées (durée de conservation écoulée, ou effacement demandé) ; il ne change plus.',
    ],
  ),
  booking_upcoming: entry(
    409,
    ['Booking upcoming', 'An upcoming booking is not erased; cancel it first.'],
    ['Rendez-vous à venir', 'Un rendez-vous à venir n’est pas effacé ; annulez-le d’abord.'],
  ),
  offer_expired: entry(
    409,
    [
      'Offer expired',
      'This waitlist offer has expired (or was passed on); nothing was booked. The entry waits for the next freed slot unless it has ended.',
    ],
    [
      'Proposition expirée',
      'Cette proposition de créneau a expiré ; rien n’a été réservé. L’inscription attend le prochain créneau libéré, sauf si elle a pris fin.',
    ],
  ),
  no_live_offer: entry(
    409,
    [
      'No offer to answer',
      'This waitlist entry has no offer to accept or decline right now; `status` says where it stands.',
    ],
    [
      'Aucune proposition en cours',
      'Cette inscription n’a pas de proposition de créneau à accepter ou refuser en ce moment ; `status` indique où elle en est.',
    ],
  ),
  waitlist_entry_ended: entry(
    409,
    ['Waitlist entry ended', 'This waitlist entry has ended (booked, expired or withdrawn); join again if needed.'],
    [
      'Inscription terminée',
      'Cette inscription sur liste d’attente a pris fin (réservée, expirée ou retirée) ; inscrivez-vous de nouveau si besoin.',
    ],
  ),
  zone_has_sites: entry(
    409,
    ['Zone has sites', 'This priority zone still has consultation sites.'],
    ['Zone avec des lieux', 'Cette zone prioritaire a encore des lieux de consultation.'],
  ),
  // 413
  method_not_allowed: entry(
    405,
    ['Method not allowed', 'This resource does not support this interaction; the Allow header lists those it does.'],
    [
      'Méthode non autorisée',
      'Cette ressource ne permet pas cette interaction ; l’en-tête Allow énumère celles qu’elle permet.',
    ],
  ),
  version_mismatch: entry(
    412,
    ['Version mismatch', 'The resource changed since the version named in If-Match; read it again before changing it.'],
    [
      'Version dépassée',
      'La ressource a changé depuis la version indiquée dans If-Match ; relisez-la avant de la modifier.',
    ],
  ),
  payload_too_large: entry(
    413,
    ['Payload too large', 'Request bodies are limited to 16 KiB.'],
    ['Requête trop volumineuse', 'Le corps d’une requête est limité à 16 Kio.'],
  ),
  // 422: well-formed, but a rule of the scheme says no.
  unsupported_change: entry(
    422,
    [
      'Unsupported change',
      'An Appointment changes only by cancellation: a JSON Patch replacing /status with cancelled.',
    ],
    [
      'Modification non prise en charge',
      'Un rendez-vous ne change que par annulation : un JSON Patch remplaçant /status par cancelled.',
    ],
  ),
  overbilling_not_allowed: entry(
    422,
    [
      'Overbilling not allowed',
      'Only the tarif opposable may be billed: no dépassement d’honoraires, and noOverbilling must be true.',
    ],
    [
      'Dépassement interdit',
      'Seul le tarif opposable peut être facturé : aucun dépassement d’honoraires, et noOverbilling doit valoir true.',
    ],
  ),
  tariff_unavailable: entry(
    422,
    ['No tariff in effect', 'No tarif opposable for these acts is in effect on that date in the site’s territory.'],
    [
      'Aucun tarif en vigueur',
      'Aucun tarif opposable n’est en vigueur pour ces actes à cette date dans le territoire du lieu.',
    ],
  ),
  idempotency_key_reused: entry(
    422,
    [
      'Idempotency-Key reused',
      'This Idempotency-Key was used with another request body; use a new key for a new booking.',
    ],
    [
      'Idempotency-Key réutilisée',
      'Cette Idempotency-Key a servi pour une autre requête ; utilisez une nouvelle clé pour un nouveau rendez-vous.',
    ],
  ),
  invalid_phone: entry(
    422,
    ['Invalid phone number', 'The phone number is not a valid French number.'],
    ['Numéro invalide', 'Ce numéro de téléphone n’est pas un numéro français valide.'],
  ),
  invalid_birth_date: entry(
    422,
    ['Invalid birth date', 'The birth date is in the future or implausibly far in the past.'],
    ['Date de naissance invalide', 'La date de naissance est dans le futur ou trop ancienne pour être plausible.'],
  ),
  unknown_commune: entry(
    422,
    ['Unknown commune', 'No commune has this INSEE code.'],
    ['Commune inconnue', 'Aucune commune n’a ce code INSEE.'],
  ),
  unknown_site: entry(
    422,
    ['Unknown site', 'No consultation site has this id.'],
    ['Lieu inconnu', 'Aucun lieu de consultation n’a cet identifiant.'],
  ),
  zone_import_unresolved: entry(
    422,
    [
      'Rows to fix',
      'Some rows of the file do not name exactly one EPCI of your regions (`lines` says which and why); nothing was imported.',
    ],
    [
      'Lignes à corriger',
      'Des lignes du fichier ne désignent pas exactement une intercommunalité de vos régions (`lines` dit lesquelles et pourquoi) ; rien n’a été importé.',
    ],
  ),
  waitlist_place_outside_zone: entry(
    422,
    ['Place outside the zone', 'Every commune and site a waitlist entry names must be in its zone.'],
    ['Lieu hors de la zone', 'Chaque commune et chaque lieu de consultation demandés doivent être dans la zone.'],
  ),
  invalid_waitlist_window: entry(
    422,
    [
      'Invalid waitlist window',
      'A waitlist window ends on or after its start, not before today, and spans at most 92 days.',
    ],
    [
      'Période d’attente invalide',
      'La période d’attente finit le jour de son début ou après, pas avant aujourd’hui, et dure au plus 92 jours.',
    ],
  ),
  mission_cap_reached: entry(
    422,
    ['Monthly limit reached', 'A doctor may declare at most two mission days per calendar month.'],
    ['Plafond mensuel atteint', 'Un médecin peut déclarer au plus deux jours de mission par mois civil.'],
  ),
  mission_too_short: entry(
    422,
    ['Mission too short', 'A mission lasts at least one slot.'],
    ['Mission trop courte', 'Une mission dure au moins un créneau.'],
  ),
  mission_in_past: entry(
    422,
    ['Mission in the past', 'A mission can only be declared for a time that has not started yet.'],
    ['Mission passée', 'Une mission ne peut être déclarée que pour un moment à venir.'],
  ),
  mission_too_far: entry(
    422,
    ['Mission too far ahead', 'Missions are declared at most a year ahead.'],
    ['Mission trop lointaine', 'Les missions sont déclarées au plus un an à l’avance.'],
  ),
  invalid_attendance: entry(
    422,
    [
      'Invalid attendance',
      'Corrected check-in and check-out times lie on the mission’s date at the site, the check-out not before the check-in nor in the future.',
    ],
    [
      'Présence invalide',
      'Les heures corrigées d’arrivée et de départ tombent le jour de la mission, à l’heure du lieu, le départ après l’arrivée et déjà passé.',
    ],
  ),
  check_in_window: entry(
    422,
    [
      'Check-in closed',
      'Check-in opens 60 minutes before the mission starts and closes at its end, on its date in the site’s time zone; `window` gives the times.',
    ],
    [
      'Pointage fermé',
      'Le pointage ouvre 60 minutes avant le début de la mission et ferme à sa fin, le jour même, à l’heure du lieu ; `window` donne les horaires.',
    ],
  ),
  check_in_too_far: entry(
    422,
    ['Too far from the site', 'Check-in must be made within 1 km of the site.'],
    ['Trop loin du lieu', 'Le pointage se fait à moins d’un kilomètre du lieu.'],
  ),
  webhook_url_invalid: entry(
    422,
    [
      'Invalid webhook URL',
      'A webhook URL is an absolute URL of at most 2000 characters, with no user name, password or fragment.',
    ],
    [
      'URL de webhook invalide',
      'Une URL de webhook est une URL absolue d’au plus 2000 caractères, sans nom d’utilisateur, mot de passe ni fragment.',
    ],
  ),
  webhook_url_not_https: entry(
    422,
    ['Webhook URL not https', 'Webhooks are sent over https only (development accepts http to loopback).'],
    [
      'URL de webhook non https',
      'Les webhooks ne sont envoyés qu’en https (le développement accepte http vers la boucle locale).',
    ],
  ),
  webhook_url_not_public: entry(
    422,
    [
      'Webhook URL not public',
      'A webhook URL names a public host on the default port: no private, loopback, link-local or local-network address or name.',
    ],
    [
      'URL de webhook non publique',
      'Une URL de webhook désigne un hôte public sur le port par défaut : ni adresse ou nom privé, local ou de boucle locale.',
    ],
  ),
  constraint_violation: entry(
    422,
    ['Rejected by a data rule', 'The data breaks a rule the database enforces.'],
    ['Refusé par une règle', 'Les données enfreignent une règle garantie par la base.'],
  ),
  // 429, 500, 503
  rate_limited: entry(
    429,
    ['Too many requests', 'Over the rate limit; retry after the number of seconds in Retry-After.'],
    ['Trop de requêtes', 'Limite de débit dépassée ; réessayez après le nombre de secondes indiqué par Retry-After.'],
  ),
  internal_error: entry(
    500,
    ['Internal error', 'An unexpected error occurred; it has been logged.'],
    ['Erreur interne', 'Une erreur inattendue s’est produite ; elle a été consignée.'],
  ),
  misconfigured: entry(
    503,
    ['Service unavailable', 'The service is misconfigured; operators have been alerted.'],
    ['Service indisponible', 'Le service est mal configuré ; l’exploitation a été alertée.'],
  ),
  auth_not_configured: entry(
    503,
    ['Authentication unavailable', 'Token verification is not configured.'],
    ['Authentification indisponible', 'La vérification des jetons n’est pas configurée.'],
  ),
  auth_unavailable: entry(
    503,
    ['Authentication unavailable', 'The identity provider’s keys cannot be fetched; retry shortly.'],
    [
      'Authentification indisponible',
      'Les clés du fournisseur d’identité sont injoignables ; réessayez dans un instant.',
    ],
  ),
  publication_pending: entry(
    503,
    [
      'Publication pending',
      'The bulk files have not been generated yet (a new deployment); retry after the number of seconds in Retry-After.',
    ],
    [
      'Publication en préparation',
      'Les fichiers de publication ne sont pas encore générés (nouveau déploiement) ; réessayez après le nombre de secondes indiqué par Retry-After.',
    ],
  ),
  database_unavailable: entry(
    503,
    ['Service unavailable', 'The database cannot be reached; retry shortly.'],
    ['Service indisponible', 'La base de données est injoignable ; réessayez dans un instant.'],
  ),
  not_ready: entry(
    503,
    [
      'Not ready',
      'A readiness check failed (the configuration, the event queue or the database); `failed` lists which. Operators are alerted; retry shortly.',
    ],
    [
      'Service pas prêt',
      'Une vérification a échoué (la configuration, la file d’événements ou la base de données) ; `failed` indique laquelle. L’exploitation est alertée ; réessayez dans un instant.',
    ],
  ),
} satisfies Record<string, ProblemEntry>;

export type ProblemCode = keyof typeof PROBLEMS;

export const PROBLEM_CODES = Object.keys(PROBLEMS) as [ProblemCode, ...ProblemCode[]];

export const problemEntry = (code: string): ProblemEntry | undefined =>
  Object.hasOwn(PROBLEMS, code) ? PROBLEMS[code as ProblemCode] : undefined;

/** A page's own words for the refusals it explains (each code from the catalogue). */
export type RefusalTexts = Partial<Record<ProblemCode, string>>;
