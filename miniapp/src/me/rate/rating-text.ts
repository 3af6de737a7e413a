/** 评价's words and the rating form's model, out of the page (tested beside it). */
import { RATING_COMMENT_MAX, RATING_TAGS, type FollowUpOutcome, type RatingTag } from '../../../../shared/schemas/ratings';

export const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'] as const;
export const TAG_OPTIONS = RATING_TAGS.map((tag) => ({ value: tag, label: tag }));
export const OUTCOME_WORDS: Record<FollowUpOutcome, string> = { contacted: '已联系', resolved: '已解决', unreachable: '无法联系' };

/** Characters as the member sees them (an emoji is one), as the API counts them. */
export const commentLength = (text: string) => [...text.trim()].length;
export const commentLeft = (text: string) => RATING_COMMENT_MAX - commentLength(text);

/** Tapping a tag chip: on, or off again. */
export function toggleTag(tags: RatingTag[], tag: RatingTag): RatingTag[] {
  return tags.includes(tag) ? tags.filter((t) => t !== tag) : RATING_TAGS.filter((t) => t === tag || tags.includes(t));
}

/** '★★☆☆☆' for a row of a list. */
export const starsText = (stars: number) => '★'.repeat(stars) + '☆'.repeat(5 - stars);
