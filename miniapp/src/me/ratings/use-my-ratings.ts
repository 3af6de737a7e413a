/** 我的评价's read: the member's ratings, newest first, each saying 门店已回复 once a store answered. */
import { ratingsRoutes } from '../../../../shared/contract/routes/ratings';
import { callRoute } from '../../api/client';
import { useLoad } from '../../lib/use-load';

export function useMyRatings() {
  return useLoad(async () => (await callRoute(ratingsRoutes.meRatings)).items, []);
}
