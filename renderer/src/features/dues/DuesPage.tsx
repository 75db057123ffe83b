import { Empty } from 'antd';

export function DuesPage() {
  return <Empty description="党费收缴（开发中）" />;
}
