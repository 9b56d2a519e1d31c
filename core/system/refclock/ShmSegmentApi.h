// The System V shared-memory calls the SHM refclock needs, behind a seam: ShmRefClock talks
// only to this interface, so tests can hand it an ordinary struct and play the writer at the
// reader's barriers. SystemShmSegmentApi is the one place that makes the real calls.
#pragma once

#include <sys/types.h>

#include <cstddef>

namespace s1 {

class ShmSegmentApi
{
public:
    virtual ~ShmSegmentApi() = default;

    // shmget(key, size, flags): the segment id, or -errno. Errors are returned rather than
    // left in errno so that a fake needs no global state.
    virtual int get(key_t key, std::size_t size, int flags) = 0;
    // shmat(id, nullptr, 0) (read-write: the reader clears `valid`): 0 with `address` set, or
    // -errno.
    virtual int attach(int id, void *&address) = 0;
    // shmdt(address): 0 or -errno.
    virtual int detach(void *address) = 0;
    // A full memory barrier between the steps of the count/valid protocol, which another
    // process runs against the same memory. A fake makes its writer's moves here.
    virtual void barrier() = 0;
};

class SystemShmSegmentApi final : public ShmSegmentApi
{
public:
    int get(key_t key, std::size_t size, int flags) override;
    int attach(int id, void *&address) override;
    int detach(void *address) override;
    void barrier() override;
};

} // namespace s1
