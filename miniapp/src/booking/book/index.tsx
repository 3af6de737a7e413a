import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import type { Booking, BookRequest, MoveRequest, Schedule, Service, SlotsResponse, Store } from '../../../../shared/api';
import { formatYuan } from '../../../../shared/money';
import {
  ApiError,
  createBooking,
  getMyBookings,
  getServices,
  getSlots,
  getStoreSchedule,
  getStores,
  messageOf,
  moveBooking,
} from '../../api';
import { Chip } from '../../components/booking/Chip';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Button } from '../../components/ui';
import { MINE_PAGE, bookingTimeText, dayLabel, durationText, isOpenDay, monthDay, nextDays, shortStoreName, weekdayName } from '../../lib/booking';
import { newIdempotencyKey } from '../../lib/checkout-attempts';
import { askForReminder } from '../../lib/reminder';
import { useSignedInShow } from '../../lib/use-signed-in';
import './index.scss';

type Slot = SlotsResponse['items'][number];

/** One tap on 确认: its key and body, sent again unchanged by 重试. */
type Attempt = { kind: 'book'; key: string; body: BookRequest } | { kind: 'move'; key: string; bookingId: string; body: MoveRequest };

const isWeapp = process.env.TARO_ENV === 'weapp';

/** After these the slot list is out of date: read it again and let the member pick anew. */
const STALE_SLOT_CODES = new Set([
  'slot_full',
  'slot_in_the_past',
  'slot_too_soon',
  'slot_store_closed',
  'slot_outside_opening_hours',
  'slot_beyond_horizon',
  'slot_off_grid',
  'service_not_offered',
]);

/**
 * 预约 — store → service → day → slot with seats left → confirm. Opened with `?move=<bookingId>`
 * it is 改约: the service is fixed, the store and the time are picked again the same way.
 */
export default function BookPage() {
  const { params } = useRouter();
  const moveId = params.move ? decodeURIComponent(params.move) : null;

  const [stores, setStores] = useState<Store[] | null>(null);
  const [allServices, setAllServices] = useState<Service[] | null>(null);
  const [storeServices, setStoreServices] = useState<Service[] | null>(null);
  const [original, setOriginal] = useState<Booking | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  const [storeId, setStoreId] = useState<string | null>(params.storeId ? decodeURIComponent(params.storeId) : null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [schedule, setSchedule] = useState<Schedule | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const [slots, setSlots] = useState<SlotsResponse | null>(null);
  const [slotsError, setSlotsError] = useState<string | null>(null);
  const [slotReloads, setSlotReloads] = useState(0);
  const [start, setStart] = useState<string | null>(null);

  const [reminder, setReminder] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; retry: Attempt | null } | null>(null);

  useSignedInShow(() => undefined);

  // The stores, and for 改约 the booking being moved and its service.
  useEffect(() => {
    let live = true;
    setLoadError(null);
    const load = async () => {
      const [storeList, services, upcoming] = await Promise.all([
        getStores(),
        moveId ? getServices() : Promise.resolve(null),
        moveId ? getMyBookings('upcoming') : Promise.resolve(null),
      ]);
      if (!live) return;
      setStores(storeList.items);
      if (moveId) {
        const booking = upcoming?.items.find((b) => b.id === moveId) ?? null;
        if (!booking) throw new Error('该预约已不能改约（已取消、已签到或已结束）');
        setOriginal(booking);
        setAllServices(services?.items ?? []);
        setServiceId(booking.serviceId);
      }
    };
    load().catch((err: unknown) => live && setLoadError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [moveId, reloads]);

  // The chosen store's schedule (closed days, horizon) and, when booking anew, its services.
  useEffect(() => {
    if (!storeId) return;
    let live = true;
    setSchedule(null);
    if (!moveId) setStoreServices(null);
    Promise.all([getStoreSchedule(storeId), moveId ? Promise.resolve(null) : getServices(storeId)])
      .then(([nextSchedule, services]) => {
        if (!live) return;
        setSchedule(nextSchedule);
        if (services) setStoreServices(services.items);
      })
      .catch((err: unknown) => live && setLoadError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [storeId, moveId, reloads]);

  // The slots of the chosen store, service and day.
  useEffect(() => {
    if (!storeId || !serviceId || !date) return;
    let live = true;
    setSlots(null);
    setSlotsError(null);
    getSlots(storeId, serviceId, date, moveId)
      .then((next) => live && setSlots(next))
      .catch((err: unknown) => live && setSlotsError(messageOf(err)));
    return () => {
      live = false;
    };
  }, [storeId, serviceId, date, slotReloads, moveId]);

  const days = useMemo(() => nextDays(schedule?.horizonDays ?? 14), [schedule]);

  // A day to start from: the first one the store is open, once its schedule is known.
  useEffect(() => {
    if (!schedule) return;
    if (date && days.includes(date)) return;
    setDate(days.find((d) => isOpenDay(schedule, d)) ?? days[0] ?? null);
  }, [schedule, days, date]);

  /** Stores to choose from: all of them, or for 改约 those that offer the booked service. */
  const movedService = moveId && original ? (allServices?.find((s) => s.id === original.serviceId) ?? null) : null;
  const storeChoices = useMemo(() => {
    if (!stores) return null;
    if (!moveId) return stores;
    if (!movedService) return null;
    return stores.filter((s) => (movedService.capacityByStore[s.id] ?? 0) > 0);
  }, [stores, moveId, movedService]);
  const store = stores?.find((s) => s.id === storeId) ?? null;
  const service = moveId ? movedService : (storeServices?.find((s) => s.id === serviceId) ?? null);
  const slot = slots?.items.find((s) => s.start === start) ?? null;

  const pickStore = (id: string) => {
    if (id === storeId) return;
    setStoreId(id);
    setStart(null);
    setSlots(null);
    setError(null);
  };
  const pickService = (id: string) => {
    setServiceId(id);
    setStart(null);
    setError(null);
  };
  const pickDay = (day: string) => {
    setDate(day);
    setStart(null);
    setError(null);
  };

  // A service the new store does not offer is dropped.
  useEffect(() => {
    if (!moveId && storeServices && serviceId && !storeServices.some((s) => s.id === serviceId)) setServiceId(null);
  }, [moveId, storeServices, serviceId]);

  const send = async (attempt: Attempt) => {
    setBusy(true);
    setError(null);
    try {
      if (attempt.kind === 'book') {
        await createBooking(attempt.body, attempt.key);
        void Taro.showToast({ title: '预约成功', icon: 'success' });
        await Taro.redirectTo({ url: MINE_PAGE });
      } else {
        await moveBooking(attempt.bookingId, attempt.body, attempt.key);
        void Taro.showToast({ title: '已改约', icon: 'success' });
        const pages = Taro.getCurrentPages();
        if (pages[pages.length - 2]?.route?.includes('booking/mine')) await Taro.navigateBack();
        else await Taro.redirectTo({ url: MINE_PAGE });
      }
    } catch (err) {
      const retryable = err instanceof ApiError && err.retryable;
      setError({ message: messageOf(err), retry: retryable ? attempt : null });
      if (err instanceof ApiError && STALE_SLOT_CODES.has(err.code)) {
        setStart(null);
        setSlotReloads((n) => n + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  const confirm = async () => {
    if (busy || !storeId || !slot) return;
    if (moveId) {
      void send({ kind: 'move', key: newIdempotencyKey(), bookingId: moveId, body: { storeId, start: slot.start } });
      return;
    }
    if (!serviceId) return;
    // WeChat shows the subscribe prompt only from a tap: ask first, before anything else is awaited.
    const reminderAccepted = isWeapp ? await askForReminder() : reminder;
    void send({ kind: 'book', key: newIdempotencyKey(), body: { storeId, serviceId, start: slot.start, reminderAccepted } });
  };

  if (loadError) {
    return (
      <View className="tk-page tk-book-page">
        <ErrorBlock message={loadError} onRetry={() => setReloads((n) => n + 1)} />
      </View>
    );
  }

  const isOriginalSlot = (s: Slot) => !!original && original.storeId === storeId && original.start === s.start;

  return (
    <View className={`tk-page tk-book-page${moveId ? ' tk-move-mode' : ''}`}>
      {original ? (
        <View className="tk-move-banner">
          <Text className="tk-move-title">改约 · {original.serviceName}</Text>
          <Text className="tk-move-from">
            原预约：{shortStoreName(original.storeName)} {bookingTimeText(original)}
          </Text>
        </View>
      ) : null}

      <Text className="tk-section-title">选择门店</Text>
      {storeChoices === null ? (
        <Loading />
      ) : (
        <View className="tk-chip-row tk-book-stores">
          {storeChoices.map((s) => (
            <Chip key={s.id} className={`tk-book-store tk-book-store-${s.id}`} selected={s.id === storeId} onTap={() => pickStore(s.id)}>
              <Text className="tk-chip-main">{shortStoreName(s.name)}</Text>
              <Text className="tk-chip-sub">{s.district}</Text>
            </Chip>
          ))}
        </View>
      )}

      {storeId && !moveId ? (
        <>
          <Text className="tk-section-title">选择服务</Text>
          {storeServices === null ? (
            <Loading />
          ) : storeServices.length === 0 ? (
            <Text className="tk-muted tk-book-none">该门店暂无可预约的服务</Text>
          ) : (
            <View className="tk-book-services">
              {storeServices.map((s) => (
                <Chip key={s.id} className={`tk-book-service tk-book-service-${s.id}`} selected={s.id === serviceId} onTap={() => pickService(s.id)}>
                  <Text className="tk-chip-main tk-book-service-name">{s.name}</Text>
                  <Text className="tk-chip-sub">
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
            <Loading />
          ) : (
            <View className="tk-book-days">
              {days.map((d) => {
                const open = isOpenDay(schedule, d);
                const label = dayLabel(d);
                return (
                  <Chip key={d} className={`tk-book-day tk-book-day-${d}`} selected={d === date} disabled={!open} onTap={() => pickDay(d)}>
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
          {slotsError ? (
            <ErrorBlock message={slotsError} onRetry={() => setSlotReloads((n) => n + 1)} />
          ) : slots === null ? (
            <Loading />
          ) : slots.items.length === 0 ? (
            <Text className="tk-muted tk-slots-empty">{schedule && !isOpenDay(schedule, date) ? '当日门店休息' : '当日无可预约时段，请换一天'}</Text>
          ) : (
            <View className="tk-slots">
              {slots.items.map((s) => {
                const current = isOriginalSlot(s);
                const full = s.remaining < 1;
                return (
                  <Chip
                    key={s.start}
                    className={`tk-slot${full ? ' tk-slot-full' : ''}`}
                    selected={s.start === start}
                    disabled={full || current}
                    onTap={() => {
                      setStart(s.start);
                      setError(null);
                    }}
                  >
                    <Text className="tk-chip-main tk-slot-time">{s.time}</Text>
                    <Text className="tk-chip-sub tk-slot-remaining">{current ? '当前' : full ? '约满' : `余${s.remaining}`}</Text>
                  </Chip>
                );
              })}
            </View>
          )}
        </>
      ) : null}

      {slot && store && service ? (
        <View className="tk-book-summary">
          <Text className="tk-summary-service">
            {service.name} · {durationText(service.durationMinutes)} · {formatYuan(service.priceFen)}
          </Text>
          <Text className="tk-summary-store">{store.name}</Text>
          <Text className="tk-summary-time">{bookingTimeText(slot)}</Text>
          <Text className="tk-muted">开始前2小时可免费取消或改约；到店出示会员码签到</Text>
        </View>
      ) : null}

      {slot && !moveId && !isWeapp ? (
        <View className={`tk-reminder${reminder ? ' tk-reminder-on' : ''}`} onClick={() => setReminder((on) => !on)}>
          <View className="tk-reminder-box">{reminder ? <Text>✓</Text> : null}</View>
          <Text className="tk-reminder-text">预约提醒：开始前2小时提醒我</Text>
        </View>
      ) : null}

      {error ? (
        <ErrorBlock message={error.message} onRetry={error.retry ? () => void send(error.retry!) : undefined} />
      ) : null}

      <View className="tk-form-actions">
        <Button className="tk-book-confirm" type="primary" block disabled={busy || !slot} onClick={() => void confirm()}>
          {busy ? '提交中…' : moveId ? '确认改约' : '确认预约'}
        </Button>
      </View>
    </View>
  );
}
