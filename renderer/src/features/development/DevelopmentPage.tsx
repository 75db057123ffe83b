import { Empty } from 'antd';

export function DevelopmentPage() {
  return <Empty description="发展党员（开发中）" />;
}
