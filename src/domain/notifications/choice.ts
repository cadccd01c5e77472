// The patient's choice of channels, as stored with the booking. SMS is on by default for a mobile
// and email when an address is given. Asking for SMS on a landline is not an error (a caller often
// cannot tell the two apart): it is ignored, and the booking shows `notifications.sms: false`.
export interface ChannelChoice {
  sms?: boolean;
  email?: boolean;
}

export function chosenChannels(
  requested: ChannelChoice | undefined,
  patient: { phoneMobile: boolean; email?: string | null },
) {
  return {
    sms: (requested?.sms ?? true) && patient.phoneMobile,
    email: (requested?.email ?? true) && Boolean(patient.email),
  };
}
