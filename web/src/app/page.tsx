import { HomeView } from '@/views/home';

export default function Page() {
  return <HomeView />;
}
