// C++ threads: std::thread, std::atomic, std::mutex, std::condition_variable, std::async,
// std::shared_mutex, thread_local objects with constructors and destructors.
// cflags: -pthread -std=c++17
// repeat: 2
#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <future>
#include <mutex>
#include <numeric>
#include <queue>
#include <shared_mutex>
#include <thread>
#include <vector>

static std::atomic<long> destroyed{0};

struct PerThread {
	long value = 42;
	~PerThread() { destroyed.fetch_add(value, std::memory_order_relaxed); }
};
static thread_local PerThread per_thread;

int main()
{
	std::atomic<long> a{0};
	long plain = 0;
	std::mutex m;
	std::vector<std::thread> ts;
	for (int i = 0; i < 6; i++)
		ts.emplace_back([&, i] {
			for (int k = 0; k < 30000; k++) {
				a.fetch_add(1);
				std::lock_guard<std::mutex> g(m);
				plain += i;
			}
			per_thread.value = i;
		});
	for (auto &t : ts)
		t.join();
	std::printf("atomic %ld, mutex-protected %ld, thread_local destructors %ld\n", a.load(), plain,
		    destroyed.load());

	std::queue<int> q;
	std::condition_variable cv;
	bool done = false;
	long consumed = 0;
	std::thread consumer([&] {
		std::unique_lock<std::mutex> l(m);
		for (;;) {
			cv.wait(l, [&] { return !q.empty() || done; });
			while (!q.empty()) {
				consumed += q.front();
				q.pop();
			}
			if (done)
				return;
		}
	});
	for (int i = 1; i <= 10000; i++) {
		std::lock_guard<std::mutex> g(m);
		q.push(i);
		cv.notify_one();
	}
	{
		std::lock_guard<std::mutex> g(m);
		done = true;
	}
	cv.notify_one();
	consumer.join();
	std::printf("condition_variable: consumed %ld\n", consumed);

	std::vector<std::future<long>> fs;
	for (long i = 0; i < 8; i++)
		fs.push_back(std::async(std::launch::async, [i] {
			long s = 0;
			for (long k = 0; k <= 100000; k++)
				s += k % (i + 2);
			return s;
		}));
	long total = 0;
	for (auto &f : fs)
		total += f.get();
	std::printf("async: %ld\n", total);

	std::shared_mutex sm;
	long x = 0, y = 0;
	std::atomic<long> torn{0};
	std::vector<std::thread> rw;
	for (int i = 0; i < 4; i++)
		rw.emplace_back([&, i] {
			for (int k = 0; k < 5000; k++) {
				if (i == 0) {
					std::unique_lock<std::shared_mutex> l(sm);
					x++;
					y++;
				} else {
					std::shared_lock<std::shared_mutex> l(sm);
					if (x != y)
						torn++;
				}
			}
		});
	for (auto &t : rw)
		t.join();
	std::printf("shared_mutex: %ld writes, %ld torn reads\n", x, torn.load());

	std::promise<int> p;
	std::future<int> pf = p.get_future();
	std::thread setter([&p] { p.set_value(7); });
	std::printf("promise: %d\n", pf.get());
	setter.join();
	return 0;
}
