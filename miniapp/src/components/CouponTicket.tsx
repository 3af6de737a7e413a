import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { couponFace, thresholdText } from '../lib/coupons';
import type { CouponKind } from '../../../shared/coupons';
import { keepTogether } from './KeepTogether';
import './coupon-ticket.scss';

export interface TicketTerms {
  kind: CouponKind;
  valueFen: number;
  payPercent: number | null;
  minSpendFen: number;
  itemName: string | null;
}

/**
 * One coupon as a ticket: the value on the left (¥15 / 8.5折 / 兑), the name, its description and
 * lines (where, until when) on the right, and the action (领取, a tick box…) under them.
 */
export function CouponTicket({
  terms,
  name,
  description,
  lines,
  className = '',
  muted = false,
  children,
  onClick,
  badge,
  stamp,
}: {
  terms: TicketTerms;
  name: string;
  description: string;
  lines: ReactNode[];
  className?: string;
  /** Used, expired, not applicable: grey. */
  muted?: boolean;
  children?: ReactNode;
  onClick?: () => void;
  /** A short mark beside the name (即将过期). */
  badge?: string;
  /** A rubber stamp across the corner (已使用, 已过期): a state, not something to tap. */
  stamp?: string;
}) {
  return (
    <View className={`tk-ticket ${muted ? 'tk-ticket-muted' : ''} ${className}`} onClick={onClick}>
      <View className="tk-ticket-face">
        <Text className="tk-ticket-value">{couponFace(terms)}</Text>
        <Text className="tk-ticket-threshold">{terms.kind === 'free_item' ? (terms.itemName ?? '指定商品') : thresholdText(terms.minSpendFen)}</Text>
      </View>
      <View className="tk-ticket-body">
        <View className="tk-ticket-title">
          <Text className="tk-ticket-name">{name}</Text>
          {badge ? <Text className="tk-ticket-badge">{badge}</Text> : null}
        </View>
        <Text className="tk-ticket-desc">{description}</Text>
        {lines.map((line, i) => (
          <Text key={i} className="tk-ticket-line">
            {keepTogether(line)}
          </Text>
        ))}
        {children ? <View className="tk-ticket-action">{children}</View> : null}
      </View>
      {stamp ? <Text className="tk-ticket-stamp">{stamp}</Text> : null}
    </View>
  );
}
