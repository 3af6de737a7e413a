/** The e2e stack's ports (its own, so `npm start` can run beside it): the config and the specs share them. */
// TONGKA_E2E_PORT_OFFSET moves them all, so two runs (two people in one working tree) do not collide.
const offset = Number(process.env.TONGKA_E2E_PORT_OFFSET ?? 0);

export const e2ePorts = {
  dynamodb: 8100 + offset,
  api: 3300 + offset,
  apiLambda: 3302 + offset,
  wechat: 3400 + offset,
  h5: 10186 + offset,
} as const;
