import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { BookRequest, MoveRequest, SlotsResponse } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import { createBooking, getServices, getSlots, getStoreSchedule, moveBooking } from '../../api';
import { Chip } from '../../components/booking/Chip';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loadable } from '../../components/Loadable';
import { Loading } from '../../components/Loading';
import { MemberPage } from '../../components/MemberPage';
import { Button } from '../../components/ui';
import { MINE_PAGE, bookingTimeText, dayLabel, durationText, isOpenDay, monthDay, nextDays, shanghaiDay, shortStoreName, weekdayName } from '../../lib/booking';
import { loadBookingStart, STALE_SLOT_CODES } from '../../lib/book-start';
import { askForReminder } from '../../lib/reminder';
import { useLoad } from '../../lib/use-load';
import { useSubmit } from '../../lib/use-submit';
import './index.scss';

type Slot = SlotsResponse['items'][number];

const isWeapp = process.env.TARO_ENV === 'weapp';

/** Back to 我的预约: the page it came from when it did, else a fresh one in place of this. */
async function backToMine(): Promise<void> {
  const pages = Taro.getCurrentPages();
  if (pages[pages.length - 2]?.route?.includes('booking/mine')) await Taro.navigateBack();
  else await Taro.redirectTo({ url: MINE_PAGE });
}

/**
 * 预约 — store → service → day → slot with seats left → confirm. Opened with `?move=<bookingId>`
 * it is 改约: the service is fixed, and the picker starts on the booking's own store and day.
 */
export default function BookPage() {
  const { params } = useRouter();
  const moveId = params.move ? decodeURIComponent(params.move) : null;
  const storeId = params.storeId ? decodeURIComponent(params.storeId) : null;
  return (
    <MemberPage className={`tk-book-page${moveId ? ' tk-move-mode' : ''}`} title={moveId ? '改约' : undefined}>
      {() => <Book moveId={moveId} initialStoreId={storeId} />}
    </MemberPage>
  );
}

function Book({ moveId, initialStoreId }: { moveId: string | null; initialStoreId: string | null }) {
  useEffect(() => {
    if (moveId) void Taro.setNavigationBarTitle({ title: '改约' });
  }, [moveId]);

  const start = useLoad(() => loadBookingStart(moveId), [moveId], { reloadOnShow: false });
  const original = start.data?.original ?? null;

  const [storeId, setStoreId] = useState<string | null>(initialStoreId);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slotStart, setSlotStart] = useState<string | null>(null);
  const [reminder, setReminder] = useState(false);

  // 改约: the booked service, and its own store and day to start from.
  useEffect(() => {
    if (!original) return;
    setServiceId(original.serviceId);
    setStoreId((picked) => picked ?? original.storeId);
    setDate((picked) => picked ?? shanghaiDay(original.start));
  }, [original]);

  /** The chosen store's schedule (closed days, horizon) and, when booking anew, its services. */
  const store = useLoad(
    async () => {
      const [schedule, services] = await Promise.all([getStoreSchedule(storeId!), moveId ? null : getServices(storeId!)]);
      return { schedule, services: services?.items ?? null };
    },
    [storeId, moveId],
    { enabled: storeId !== null, reloadOnShow: false },
  );
  const schedule = store.data?.schedule ?? null;
  const storeServices = store.data?.services ?? null;

  const slots = useLoad(() => getSlots(storeId!, serviceId!, date!, moveId), [storeId, serviceId, date, moveId], {
    enabled: storeId !== null && serviceId !== null && date !== null,
  });

  const days = useMemo(() => nextDays(schedule?.horizonDays ?? 14), [schedule]);

  // A day to start from: the one picked (or booked) if bookable, else the first the store is open.
  useEffect(() => {
    if (!schedule) return;
    if (date && days.includes(date) && isOpenDay(schedule, date)) return;
    setDate(days.find((d) => isOpenDay(schedule, d)) ?? days[0] ?? null);
  }, [schedule, days, date]);

  // A service the new store does not offer is dropped.
  useEffect(() => {
    if (!moveId && storeServices && serviceId && !storeServices.some((s) => s.id === serviceId)) setServiceId(null);
  }, [moveId, storeServices, serviceId]);

  const movedService = moveId && original ? (start.data?.services.find((s) => s.id === original.serviceId) ?? null) : null;
  const storeChoices = useMemo(() => {
    const stores = start.data?.stores;
    if (!stores) return null;
    if (!moveId) return stores;
    if (!movedService) return null;
    return stores.filter((s) => (movedService.capacityByStore[s.id] ?? 0) > 0);
  }, [start.data, moveId, movedService]);
  const chosenStore = start.data?.stores.find((s) => s.id === storeId) ?? null;
  const service = moveId ? movedService : (storeServices?.find((s) => s.id === serviceId) ?? null);
  const slot = slots.data?.items.find((s) => s.start === slotStart) ?? null;

  const book = useSubmit('book', (key, body: BookRequest) => createBooking(body, key));
  const moveTo = useSubmit('move-booking', (key, bookingId: string, body: MoveRequest) => moveBooking(bookingId, body, key));
  const busy = book.busy || moveTo.busy;
  const error = book.error ?? moveTo.error;

  /** A new choice clears the last failure; a new store, service or day also the time picked. */
  const choose = (next: () => void) => {
    next();
    book.clearError();
    moveTo.clearError();
  };
  const pick = (next: () => void) =>
    choose(() => {
      next();
      setSlotStart(null);
    });

  /** After a refusal that means the slots are out of date: read them again, pick anew. */
  const afterFailure = (code: string | null) => {
    if (code && STALE_SLOT_CODES.has(code)) {
      setSlotStart(null);
      void slots.reload();
    }
  };

  const sendBook = async (body: BookRequest | null) => {
    const outcome = body ? await book.submit(body) : await book.retry();
    if (outcome.ok) {
      void Taro.showToast({ title: '预约成功', icon: 'success' });
      await Taro.redirectTo({ url: MINE_PAGE });
    } else if (!outcome.busy) afterFailure(outcome.code);
  };
  const sendMove = async (move: [string, MoveRequest] | null) => {
    const outcome = move ? await moveTo.submit(...move) : await moveTo.retry();
    if (outcome.ok) {
      void Taro.showToast({ title: '已改约', icon: 'success' });
      await backToMine();
    } else if (!outcome.busy) afterFailure(outcome.code);
  };

  const confirm = async () => {
    if (busy || !storeId || !slot) return;
    if (moveId) return sendMove([moveId, { storeId, start: slot.start }]);
    if (!serviceId) return;
    // WeChat shows the subscribe prompt only from a tap: ask first, before anything else is awaited.
    const reminderAccepted = isWeapp ? await askForReminder() : reminder;
    await sendBook({ storeId, serviceId, start: slot.start, reminderAccepted });
  };

  const isOriginalSlot = (s: Slot) => !!original && original.storeId === storeId && original.start === s.start;

  return (
    <>
      <Loadable state={start}>
        {() => (
          <>
            {original ? (
              <View className="tk-move-banner">
                <Text className="tk-move-title">改约 · {original.serviceName}</Text>
                <Text className="tk-move-from">
                  原预约：{shortStoreName(original.storeName)} <Text className="tk-nowrap">{bookingTimeText(original)}</Text>
                </Text>
              </View>
            ) : null}

            <Text className="tk-section-title">选择门店</Text>
            {storeChoices === null ? (
              <Loading />
            ) : (
              <View className="tk-chip-row tk-book-stores">
                {storeChoices.map((s) => (
                  <Chip key={s.id} className={`tk-book-store tk-book-store-${s.id}`} selected={s.id === storeId} onTap={() => pick(() => setStoreId(s.id))}>
                    <Text className="tk-chip-main">{shortStoreName(s.name)}</Text>
                    <Text className="tk-chip-sub">{s.district}</Text>
                  </Chip>
                ))}
              </View>
            )}
          </>
        )}
      </Loadable>

      {storeId && store.error ? <ErrorBlock message={store.error} onRetry={() => void store.reload()} /> : null}

      {storeId && !moveId ? (
        <>
          <Text className="tk-section-title">选择服务</Text>
          {storeServices === null ? (
            store.error ? null : (
              <Loading />
            )
          ) : storeServices.length === 0 ? (
            <Text className="tk-muted tk-book-none">该门店暂无可预约的服务</Text>
          ) : (
            <View className="tk-book-services">
              {storeServices.map((s) => (
                <Chip key={s.id} className={`tk-book-service tk-book-service-${s.id}`} selected={s.id === serviceId} onTap={() => pick(() => setServiceId(s.id))}>
                  <Text className="tk-chip-main tk-book-service-name">{s.name}</Text>
                  <Text className="tk-chip-sub tk-nowrap">
                    {durationText(s.durationMinutes)} · {formatYuan(s.priceFen)}
                  </Text>
                </Chip>
              ))}
            </View>
          )}
        </>
      ) : null}

      {storeId && serviceId ? (
        <>
          <Text className="tk-section-title">选择日期</Text>
          {schedule === null ? (
            store.error ? null : (
              <Loading />
            )
          ) : (
            <View className="tk-book-days">
              {days.map((d) => {
                const open = isOpenDay(schedule, d);
                const label = dayLabel(d);
                return (
                  <Chip key={d} className={`tk-book-day tk-book-day-${d}`} selected={d === date} disabled={!open} onTap={() => pick(() => setDate(d))}>
                    <Text className="tk-chip-sub">{label === monthDay(d) ? weekdayName(d) : label}</Text>
                    <Text className="tk-chip-main">{open ? d.slice(5).replace('-', '/') : '休息'}</Text>
                  </Chip>
                );
              })}
            </View>
          )}
        </>
      ) : null}

      {storeId && serviceId && date ? (
        <>
          <Text className="tk-section-title">
            选择时段 · {dayLabel(date) === monthDay(date) ? `${monthDay(date)} ${weekdayName(date)}` : `${dayLabel(date)} ${monthDay(date)}`}
          </Text>
          <Loadable
            state={slots}
            isEmpty={(res) => res.items.length === 0}
            empty={<Text className="tk-muted tk-slots-empty">{schedule && !isOpenDay(schedule, date) ? '当日门店休息' : '当日无可预约时段，请换一天'}</Text>}
          >
            {(res) => (
              <View className="tk-slots">
                {res.items.map((s) => {
                  const current = isOriginalSlot(s);
                  const full = s.remaining < 1;
                  return (
                    <Chip
                      key={s.start}
                      className={`tk-slot${full ? ' tk-slot-full' : ''}`}
                      selected={s.start === slotStart}
                      disabled={full || current}
                      onTap={() => choose(() => setSlotStart(s.start))}
                    >
                      <Text className="tk-chip-main tk-slot-time">{s.time}</Text>
                      <Text className="tk-chip-sub tk-slot-remaining">{current ? '当前' : full ? '约满' : `余${s.remaining}`}</Text>
                    </Chip>
                  );
                })}
              </View>
            )}
          </Loadable>
        </>
      ) : null}

      {slot && chosenStore && service ? (
        <View className="tk-book-summary">
          <Text className="tk-summary-service">
            {service.name} · {durationText(service.durationMinutes)} · {formatYuan(service.priceFen)}
          </Text>
          <Text className="tk-summary-store">{chosenStore.name}</Text>
          <Text className="tk-summary-time tk-nowrap">{bookingTimeText(slot)}</Text>
          <Text className="tk-muted">开始前2小时可免费取消或改约；到店出示会员码签到</Text>
        </View>
      ) : null}

      {slot && !moveId && !isWeapp ? (
        <View className={`tk-reminder${reminder ? ' tk-reminder-on' : ''}`} onClick={() => setReminder((on) => !on)}>
          <View className="tk-reminder-box">{reminder ? <Text>✓</Text> : null}</View>
          <Text className="tk-reminder-text">预约提醒：开始前2小时提醒我</Text>
        </View>
      ) : null}

      {error ? <ErrorBlock message={error.message} onRetry={error.retryable ? () => void (moveId ? sendMove(null) : sendBook(null)) : undefined} /> : null}

      <View className="tk-form-actions">
        <Button className="tk-book-confirm tk-tap" type="primary" block disabled={busy || !slot} onClick={() => void confirm()}>
          {busy ? '提交中…' : moveId ? '确认改约' : '确认预约'}
        </Button>
      </View>
    </>
  );
}
