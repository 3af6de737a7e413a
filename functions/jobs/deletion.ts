import { runDeletionJob } from '../domain/deletion';
import { scheduled } from './scheduled';

/** Daily: members whose 7-day cooling-off is over are erased (README § Deletion); a run cut off is finished by the next. */
export const handler = scheduled('deletion', () => runDeletionJob());
