import { birthdayFields, birthdayText, birthdayValue, dayChoices, MONTH_CHOICES, NO_YEAR, yearChoices } from './birthday';

describe('the birthday form', () => {
  it('sends month-day alone when the member leaves the year out, and the full date when not', () => {
    expect(birthdayValue({ year: '', month: '3', day: '8' }, 2026)).toBe('03-08');
    expect(birthdayValue({ year: '1990', month: '12', day: '31' }, 2026)).toBe('1990-12-31');
  });

  it('removes the birthday when every field is cleared', () => {
    expect(birthdayValue({ year: '', month: '', day: '' }, 2026)).toBeNull();
  });

  it('refuses days that do not exist, a half-filled date and an impossible year', () => {
    expect(birthdayValue({ year: '', month: '2', day: '30' }, 2026)).toEqual({ error: expect.stringContaining('没有这一天') });
    expect(birthdayValue({ year: '', month: '13', day: '1' }, 2026)).toEqual({ error: expect.any(String) });
    expect(birthdayValue({ year: '', month: '5', day: '' }, 2026)).toEqual({ error: '请填写生日的月和日' });
    expect(birthdayValue({ year: '2030', month: '5', day: '1' }, 2026)).toEqual({ error: expect.stringContaining('年份') });
  });

  it('takes 29 February without a year, or with a leap year only', () => {
    expect(birthdayValue({ year: '', month: '2', day: '29' }, 2026)).toBe('02-29');
    expect(birthdayValue({ year: '2000', month: '2', day: '29' }, 2026)).toBe('2000-02-29');
    expect(birthdayValue({ year: '1900', month: '2', day: '29' }, 2026)).toEqual({ error: '1900年没有2月29日' });
  });

  it('fills the form from the profile and reads a birthday as the member says it', () => {
    expect(birthdayFields('03-08', 1990)).toEqual({ year: '1990', month: '3', day: '8' });
    expect(birthdayFields(null, null)).toEqual({ year: '', month: '', day: '' });
    expect(birthdayText('11-23')).toBe('11月23日');
  });
});

describe('the birthday pickers', () => {
  it('offers 29 days in February without a year or in a leap year, 28 otherwise', () => {
    expect(dayChoices(2)).toHaveLength(29);
    expect(dayChoices(2, 2024)).toHaveLength(29);
    expect(dayChoices(2, 2023)).toHaveLength(28);
    expect(dayChoices(2, 1900)).toHaveLength(28);
    expect(dayChoices(4)).toHaveLength(30);
    expect(dayChoices(12).at(-1)).toBe('31日');
  });

  it('offers the year as optional, newest first', () => {
    const years = yearChoices(2026);
    expect(years[0]).toBe(NO_YEAR);
    expect(years[1]).toBe('2026');
    expect(years.at(-1)).toBe('1900');
    expect(MONTH_CHOICES).toHaveLength(12);
  });
});
