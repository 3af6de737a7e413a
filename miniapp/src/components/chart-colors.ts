/**
 * The chart's colours. A canvas is painted from script, not from a stylesheet, so F2 needs literal
 * colours: these mirror styles/tokens.scss (same names, same values) and are the only colour
 * literals outside it. Change both together.
 */
export const CHART_TOKENS = {
  brand: '#c8102e', // $tk-brand
  navyLight: '#3a4a72', // $tk-navy-light
  link: '#2b5fd9', // $tk-link
  success: '#1f8a4c', // $tk-success
  warning: '#b26a00', // $tk-warning
  gold: '#8a6d3b', // $tk-gold
  text: '#4e5564', // $tk-grey-700
  muted: '#8a8f99', // $tk-grey-500
  line: '#e3e6ec', // $tk-line
} as const;

/** One line per scope: the chain (or the only store) in the brand red, then each store. */
export const SERIES_COLORS = [CHART_TOKENS.brand, CHART_TOKENS.link, CHART_TOKENS.success, CHART_TOKENS.warning, CHART_TOKENS.navyLight, CHART_TOKENS.gold];
