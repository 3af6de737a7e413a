/** The e2e stack's ports (its own, so `npm start` can run beside it): the config and the specs share them. */
export const e2ePorts = {
  dynamodb: 8100,
  api: 3300,
  apiLambda: 3302,
  wechat: 3400,
  h5: 10186,
} as const;
