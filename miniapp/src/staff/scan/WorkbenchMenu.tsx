import Taro from '@tarojs/taro';
import type { StaffSummary } from '../../../../shared/api';
import { CARD_PAGE } from '../../api';
import { Cell, CellGroup } from '../../components/ui';
import { workbenchEntries, type WorkbenchEntry } from '../../lib/staff-roles';

interface Entry {
  className: string;
  title: string;
  description: (staff: StaffSummary) => string;
  url: string;
}

const ENTRIES: Record<WorkbenchEntry, Entry> = {
  bookings: {
    className: 'tk-staff-bookings-entry',
    title: '今日预约',
    description: (s) => s.storeName ?? '选择门店查看预约',
    url: '/staff/bookings/index',
  },
  schedule: {
    className: 'tk-schedule-entry',
    title: '营业时间与预约设置',
    description: () => '营业时间、休息日、预约时段与服务容量',
    url: '/staff/schedule/index',
  },
  checkouts: {
    className: 'tk-checkouts-entry',
    title: '收银记录',
    description: (s) => (s.role === 'hq' ? '各门店的收银，撤销错单' : '查看当日收银，撤销错单'),
    url: '/staff/checkouts/index',
  },
  templates: {
    className: 'tk-coupon-templates-entry',
    title: '券模板管理',
    description: (s) => (s.role === 'hq' ? '全部门店的优惠券与发放规则' : '本店及总部的优惠券'),
    url: '/admin/templates/index',
  },
  staffAccounts: {
    className: 'tk-staff-accounts-entry',
    title: '员工管理',
    description: (s) => (s.role === 'hq' ? '各门店员工、邀请、角色与离职' : '本店店员、邀请与离职'),
    url: '/admin/staff/index',
  },
  audit: {
    className: 'tk-audit-entry',
    title: '审计日志',
    description: (s) => (s.role === 'hq' ? '各门店员工查看与修改会员资料的记录' : '本店员工查看与修改会员资料的记录'),
    url: '/admin/audit/index',
  },
  followUps: {
    className: 'tk-follow-ups-entry',
    title: '待跟进',
    description: (s) => (s.role === 'hq' ? '各门店的差评跟进，超时提醒' : '本店顾客的差评，24 小时内联系处理'),
    url: '/admin/follow-ups/index',
  },
  dashboard: {
    className: 'tk-dashboard-entry',
    title: '数据看板',
    description: (s) => (s.role === 'hq' ? '全连锁与各门店的到店、积分、券与评价，可导出 CSV' : '本店的到店、复购、积分、券与评价'),
    url: '/admin/dashboard/index',
  },
  duplicates: {
    className: 'tk-duplicates-entry',
    title: '重复会员',
    description: () => '手机号冲突与会员申请的人工处理，核实后合并',
    url: '/admin/duplicates/index',
  },
  campaigns: {
    className: 'tk-campaigns-entry',
    title: '营销活动',
    description: () => '生日礼、回归优惠、预约提醒',
    url: '/admin/campaigns/index',
  },
};

/** The workbench's entries for this account (lib/staff-roles.ts decides which), then the own card. */
export function WorkbenchMenu({ staff }: { staff: StaffSummary }) {
  return (
    <CellGroup className="tk-workbench-menu">
      {workbenchEntries(staff).map((id) => {
        const entry = ENTRIES[id];
        return (
          <Cell
            key={id}
            className={`tk-workbench-entry tk-tap ${entry.className}`}
            title={entry.title}
            description={entry.description(staff)}
            extra="›"
            clickable
            onClick={() => void Taro.navigateTo({ url: entry.url })}
          />
        );
      })}
      <Cell
        className="tk-workbench-entry tk-tap tk-my-card-entry"
        title="我的会员卡"
        description="以会员身份查看积分与优惠券"
        extra="›"
        clickable
        onClick={() => void Taro.switchTab({ url: CARD_PAGE })}
      />
    </CellGroup>
  );
}
