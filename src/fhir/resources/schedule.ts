import type { ScheduleRow } from '../../core/publication/publication.queries';
import { scheduleId } from '../ids';
import { GENERAL_PRACTICE, PROFILES } from '../profiles';

/**
 * One doctor at one site, across their mission days there: what an aggregator lists as "Dr X at
 * site Y" (a Schedule per mission would make a new agenda every day). Its actors are the site
 * first (SMART Scheduling Links), the doctor's role there and, on the FHIR door, the doctor, so
 * that `schedule.actor:Practitioner.identifier` finds it. The bulk files publish no Practitioner:
 * there the doctor is named by the PractitionerRole, and no reference dangles.
 */
export function toSchedule(row: ScheduleRow, options: { bulk?: boolean } = {}) {
  const id = scheduleId(row.id, row.rpps);
  return {
    resourceType: 'Schedule' as const,
    id,
    meta: { profile: [...PROFILES.Schedule] },
    active: true,
    serviceType: [GENERAL_PRACTICE],
    actor: [
      { reference: `Location/${row.id}`, display: row.name },
      { reference: `PractitionerRole/${id}` },
      ...(options.bulk ? [] : [{ reference: `Practitioner/${row.rpps}` }]),
    ],
  };
}
