/**
 * The NutUI components the app uses, each with only its own stylesheet (the full NutUI
 * stylesheet would add ~300 KB to the WeChat package). Import NutUI through this file.
 */
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cell/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/cellgroup/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/empty/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/input/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/progress/style/css';
import '@nutui/nutui-react-taro/dist/es/packages/tag/style/css';

export { Button, Cell, CellGroup, Empty, Input, Progress, Tag } from '@nutui/nutui-react-taro';
