import { commentLeft, starsText, toggleTag } from './rating-text';

describe('the rating form', () => {
  it('keeps tags in the app’s order and toggles them off again', () => {
    expect(toggleTag([], '价格')).toEqual(['价格']);
    expect(toggleTag(['价格'], '服务')).toEqual(['服务', '价格']);
    expect(toggleTag(['服务', '价格'], '服务')).toEqual(['价格']);
  });

  it('counts what is left of the comment as the API does (an emoji is one character)', () => {
    expect(commentLeft('')).toBe(200);
    expect(commentLeft('🙂🙂')).toBe(198);
    expect(commentLeft('  好  ')).toBe(199);
  });

  it('draws stars', () => {
    expect(starsText(2)).toBe('★★☆☆☆');
  });
});
