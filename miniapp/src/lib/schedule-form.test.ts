import { formProblem, noticeLabel, parseCapacity, toForm, toInput, withCurrent } from './schedule-form';

const schedule = {
  openingHours: [
    { weekday: 1, open: '10:00', close: '21:30' },
    { weekday: 6, open: '09:00', close: '22:00' },
  ],
  closedDates: ['2026-11-29', '2026-11-01'],
  slotMinutes: 30,
  minNoticeMinutes: 60,
  horizonDays: 14,
};

describe('the 营业时间与预约设置 form', () => {
  it('shows every weekday, open or closed, and gives the same schedule back', () => {
    const form = toForm(schedule);
    expect(form.days).toHaveLength(7);
    expect(form.days[0]).toEqual({ weekday: 1, open: true, from: '10:00', to: '21:30' });
    expect(form.days[1]).toMatchObject({ weekday: 2, open: false });
    expect(toInput(form, '2026-11-01')).toEqual({
      openingHours: schedule.openingHours,
      closedDates: ['2026-11-01', '2026-11-29'],
      slotMinutes: 30,
      minNoticeMinutes: 60,
      horizonDays: 14,
    });
  });

  it('drops closed days already past when saving', () => {
    expect(toInput(toForm(schedule), '2026-11-23').closedDates).toEqual(['2026-11-29']);
  });

  it('says what is wrong before the server does', () => {
    const form = toForm(schedule);
    expect(formProblem(form)).toBeNull();
    expect(formProblem({ ...form, days: form.days.map((d) => (d.weekday === 6 ? { ...d, to: '08:00' } : d)) })).toBe('周六的打烊时间须晚于开门时间');
    expect(formProblem({ ...form, days: form.days.map((d) => ({ ...d, open: false })) })).toBe('请至少设置一天营业');
  });

  it('labels options and keeps a custom current value among them', () => {
    expect(noticeLabel(0)).toBe('不限');
    expect(noticeLabel(90)).toBe('90分钟');
    expect(noticeLabel(120)).toBe('2小时');
    expect(noticeLabel(1440)).toBe('1天');
    expect(withCurrent([7, 14, 30], 21)).toEqual([7, 14, 21, 30]);
    expect(withCurrent([7, 14, 30], 14)).toEqual([7, 14, 30]);
  });

  it('takes a capacity of 1 to 100 seats', () => {
    expect(parseCapacity('6')).toBe(6);
    expect(parseCapacity(' 100 ')).toBe(100);
    expect(parseCapacity('0')).toBeNull();
    expect(parseCapacity('101')).toBeNull();
    expect(parseCapacity('2.5')).toBeNull();
    expect(parseCapacity('')).toBeNull();
  });
});
