/** Role sets and error lists several route groups share. */
export const MANAGERS = ['manager', 'hq'] as const;
export const HQ = ['hq'] as const;
/** Why a staff action on a scanned visit is refused before it starts: the visit must be open, recent, its opener's rights unchanged, and this clerk's at this store. */
export const OPEN_VISIT_ERRORS = ['no_store', 'visit_not_found', 'visit_expired', 'visit_closed', 'other_store_visit', 'other_staff_visit'] as const;
export const BOOKABLE_SLOT_ERRORS = [
  'store_not_found',
  'service_not_found',
  'service_not_offered',
  'slot_full',
  'overlapping_booking',
  'slot_off_grid',
  'slot_invalid_date',
  'slot_store_closed',
  'slot_outside_opening_hours',
  'slot_in_the_past',
  'slot_too_soon',
  'slot_beyond_horizon',
] as const;
