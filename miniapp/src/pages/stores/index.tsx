import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import type { Store } from '../../../../shared/api';
import { getStores, messageOf } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { ErrorBlock } from '../../components/ErrorBlock';
import { Loading } from '../../components/Loading';
import { Tag } from '../../components/ui';
import { isOpenNow, openingHoursText } from '../../lib/format';
import './index.scss';

/** Every store of the chain: the card, its points and coupons are valid in each of them. */
export default function StoresPage() {
  const [stores, setStores] = useState<Store[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setStores((await getStores()).items);
      setError(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }, []);

  useDidShow(() => {
    void load();
  });

  const call = (phone: string) => {
    Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
  };

  return (
    <View className="tk-page tk-stores-page">
      <Text className="tk-section-title">会员卡在以下门店通用</Text>
      {error ? <ErrorBlock message={error} onRetry={() => void load()} /> : null}
      {stores === null ? (
        error ? null : <Loading />
      ) : stores.length === 0 ? (
        <EmptyState title="暂无门店" />
      ) : (
        stores.map((store) => {
          const open = isOpenNow(store.openingHours);
          return (
            <View key={store.id} className={`tk-store tk-store-${store.id}`}>
              <View className="tk-store-head">
                <Text className="tk-store-name">{store.name}</Text>
                <Tag className="tk-store-open" background={open ? '#e8f6ee' : '#eef0f3'} color={open ? '#1f8a4c' : '#8a8f99'}>
                  {open ? '营业中' : '休息中'}
                </Tag>
              </View>
              <Text className="tk-store-address">
                {store.city}
                {store.district} {store.address}
              </Text>
              <Text className="tk-store-hours">营业时间：{openingHoursText(store.openingHours)}</Text>
              <Text className="tk-store-phone" onClick={() => call(store.phone)}>
                电话：{store.phone}
              </Text>
            </View>
          );
        })
      )}
    </View>
  );
}
