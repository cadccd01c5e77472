// FHIR ids ([A-Za-z0-9.-]{1,64}, also the SMART Scheduling Links rule). A doctor at a site (its
// Schedule and PractitionerRole) is "<site uuid>.<RPPS>": 48 characters, stable, readable back.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const RPPS = /^\d{11}$/;

export const isUuid = (id: string) => UUID.test(id);
export const isRpps = (id: string) => RPPS.test(id);

export const scheduleId = (siteId: string, rpps: string) => `${siteId}.${rpps}`;

export function parseScheduleId(id: string): { siteId: string; rpps: string } | undefined {
  const [siteId, rpps, ...rest] = id.split('.');
  return rest.length === 0 && isUuid(siteId ?? '') && isRpps(rpps ?? '') ? { siteId, rpps } : undefined;
}
