import { formatClockTime } from '../domain/calendar/formatting.ts';
import type { Protocol } from '../domain/protocol/protocolSchema.ts';
import type { Services } from '../services.ts';

const clockTime = (time: string) => formatClockTime(Temporal.PlainTime.from(time));

/** The protocol's immediate-risk instructions, and out of hours who to call. */
export function urgentGuidance(
  protocol: Protocol,
  onCall: Awaited<ReturnType<Services['onCallRoute']>> | null,
) {
  return {
    guidance: protocol.urgent.guidance,
    outOfHours: onCall?.outOfHoursNow
      ? {
          route: protocol.outOfHours?.route,
          workingHours: `${clockTime(onCall.workingHours.start)} to ${clockTime(onCall.workingHours.end)}`,
          contacts: onCall.contacts,
        }
      : null,
  };
}
