import type * as z from 'zod/mini';
import type { Schedule, ScheduleInput, Service, ServiceInput } from '../../shared/schemas/booking';
import { BusinessRuleError, NotFoundError } from '../lib/errors';
import { getService, listServices, putService, setServiceCapacity } from '../store/bookings';
import { updateSchedule } from '../store/stores';
import type { ServiceRecord, StaffRecord } from '../store/records';
import { requireStore, scheduleOf } from './booking';
import { newId } from './ids';
import { requireHq, requireStoreManager } from './permissions';
import { chainStores, forgetStores } from './stores';

function serviceView(s: ServiceRecord): Service {
  return { id: s.serviceId, name: s.name, durationMinutes: s.durationMinutes, priceFen: s.priceFen, capacityByStore: s.capacityByStore, active: s.active };
}

export async function chainServices(storeId?: string): Promise<Service[]> {
  const services = (await listServices()).filter((s) => s.active && (!storeId || s.capacityByStore[storeId]));
  return services.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN')).map(serviceView);
}

export async function storeSchedule(storeId: string): Promise<Schedule> {
  const schedule = scheduleOf(await requireStore(storeId));
  return { storeId, ...schedule };
}

export async function changeSchedule(staff: StaffRecord, storeId: string, input: z.output<typeof ScheduleInput>): Promise<Schedule> {
  requireStoreManager(staff, storeId);
  await requireStore(storeId);
  await updateSchedule(storeId, input);
  forgetStores();
  return storeSchedule(storeId);
}

async function requireKnownStores(storeIds: string[]): Promise<void> {
  const known = new Set((await chainStores()).map((s) => s.id));
  const unknown = storeIds.find((id) => !known.has(id));
  if (unknown) throw new BusinessRuleError('unknown_store', `No such store: ${unknown}`, [{ field: 'capacityByStore', message: `unknown store ${unknown}` }]);
}

/** HQ defines the chain's services and where they are offered. */
export async function createService(staff: StaffRecord, input: z.output<typeof ServiceInput>, now = Date.now()): Promise<Service> {
  requireHq(staff, 'Services are defined by HQ; managers set their store’s capacity');
  await requireKnownStores(Object.keys(input.capacityByStore));
  const service: ServiceRecord = { serviceId: newId('svc', now), ...input, createdAt: new Date(now).toISOString() };
  await putService(service);
  return serviceView(service);
}

/** A manager offers a service at their store with a capacity, or stops offering it (null). */
export async function changeCapacity(staff: StaffRecord, serviceId: string, storeId: string, capacity: number | null): Promise<Service> {
  requireStoreManager(staff, storeId);
  await requireStore(storeId);
  if (!(await setServiceCapacity(serviceId, storeId, capacity))) throw new NotFoundError('service_not_found', 'No such service');
  return serviceView((await getService(serviceId))!);
}
