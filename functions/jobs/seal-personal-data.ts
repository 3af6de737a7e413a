import { sealPersonalData } from '../domain/seal-personal-data';
import { scheduled } from './scheduled';

/** Run by hand after deploying encryption or rotating the field master key (README § Encryption). */
export const handler = scheduled('seal-personal-data', () => sealPersonalData());
