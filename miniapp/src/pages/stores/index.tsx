import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Store } from '../../../../shared/api';
import { getStores } from '../../api';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { isOpenNow, openingHoursText } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import './index.scss';

const call = (phone: string) => {
  Taro.makePhoneCall({ phoneNumber: phone }).catch(() => undefined);
};

function StoreItem({ store }: { store: Store }) {
  const open = isOpenNow(store.openingHours);
  return (
    <View className={`tk-store tk-store-${store.id}`}>
      <View className="tk-store-head">
        <Text className="tk-store-name">{store.name}</Text>
        <Text className={`tk-store-open ${open ? 'tk-store-open-now' : 'tk-store-closed-now'}`}>{open ? '营业中' : '休息中'}</Text>
      </View>
      <Text className="tk-store-address">
        {store.city}
        {store.district} {store.address}
      </Text>
      <Text className="tk-store-hours">营业时间：{openingHoursText(store.openingHours)}</Text>
      <View className="tk-store-phone tk-tap" onClick={() => call(store.phone)}>
        <Text>电话：</Text>
        <Text className="tk-nowrap">{store.phone}</Text>
      </View>
    </View>
  );
}

/** Every store of the chain: the card, its points and coupons are valid in each of them. */
export default function StoresPage() {
  const stores = useLoad(getStores, []);
  return (
    <View className="tk-page tk-stores-page">
      <Text className="tk-section-title">会员卡在以下门店通用</Text>
      <Loadable state={stores} isEmpty={(res) => res.items.length === 0} empty={<EmptyState title="暂无门店" />}>
        {(res) => res.items.map((store) => <StoreItem key={store.id} store={store} />)}
      </Loadable>
    </View>
  );
}
