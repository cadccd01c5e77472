import type { ScheduleRow } from '../../core/publication/publication.queries';
import { scheduleId } from '../ids';
import { GENERAL_PRACTICE, PROFILES } from '../profiles';

/**
 * One doctor at one site, across their mission days there: what an aggregator lists as "Dr X at
 * site Y" (a Schedule per mission would make a new agenda every day). Its actors are the doctor,
 * their role at the site and the site, so that `schedule.actor:Practitioner.identifier` finds it.
 */
export function toSchedule(row: ScheduleRow) {
  const id = scheduleId(row.id, row.rpps);
  return {
    resourceType: 'Schedule' as const,
    id,
    meta: { profile: [...PROFILES.Schedule] },
    active: true,
    serviceType: [GENERAL_PRACTICE],
    actor: [
      { reference: `Practitioner/${row.rpps}` },
      { reference: `PractitionerRole/${id}` },
      { reference: `Location/${row.id}`, display: row.name },
    ],
  };
}
