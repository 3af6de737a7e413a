/** `npm run reset`: wipes the local stack's data (stop `npm start` first). */
import { rmSync } from 'node:fs';
import { localStack } from './ports';

rmSync(localStack.dataDir, { recursive: true, force: true });
console.log(`Wiped ${localStack.dataDir}. The next \`npm start\` seeds a fresh demo chain.`);
