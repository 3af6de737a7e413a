/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.gif';
declare module '*.jpg';
declare module '*.jpeg';
declare module '*.svg';
declare module '*.css';
declare module '*.scss';

/** API base baked in at build time (config/index.ts): absolute for weapp, '' (same origin) for H5. */
declare const TONGKA_API_BASE: string;
/** WeChat subscribe-message template id of the booking reminder, baked in at build time ('' = none). */
declare const TONGKA_BOOKING_REMINDER_TEMPLATE_ID: string;

// Root tsconfig type-checks functions/ and infra/ in the same program: keep this augmentation small.
declare namespace NodeJS {
  interface ProcessEnv {
    /** The Taro build target; replaced at build time, so `process.env.TARO_ENV === 'weapp'` is static. */
    TARO_ENV?: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
  }
}
