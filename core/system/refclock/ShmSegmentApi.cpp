#include "refclock/ShmSegmentApi.h"

#include <sys/ipc.h>
#include <sys/shm.h>

#include <atomic>
#include <cerrno>
#include <cstdint>

namespace s1 {

int SystemShmSegmentApi::get(key_t key, std::size_t size, int flags)
{
    const int id = ::shmget(key, size, flags);
    return id < 0 ? -errno : id;
}

int SystemShmSegmentApi::attach(int id, void *&address)
{
    void *mapped = ::shmat(id, nullptr, 0);
    // shmat reports failure as (void *)-1, not nullptr.
    if (reinterpret_cast<std::intptr_t>(mapped) == -1)
        return -errno;
    address = mapped;
    return 0;
}

int SystemShmSegmentApi::detach(void *address)
{
    return ::shmdt(address) < 0 ? -errno : 0;
}

void SystemShmSegmentApi::barrier()
{
    std::atomic_thread_fence(std::memory_order_seq_cst);
}

} // namespace s1
