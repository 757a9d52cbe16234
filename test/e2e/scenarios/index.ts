/** Every area's e2e scenarios; an area joins when its node lands. */
import account from './account';
import callHandling from './call-handling';
import callLog from './call-log';
import contacts from './contacts';
import messaging from './messaging';
import presence from './presence';
import ringOut from './ring-out';
import teamMessaging from './team-messaging';
import video from './video';
import type { Area } from '../workflows';

const areas: Area[] = [presence, messaging, callLog, ringOut, contacts, teamMessaging, video, callHandling, account];

export default areas;
