/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_BLOCK_STORE_H
#define MEC_PFM_BLOCK_STORE_H

#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <set>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief The parameter blocks a cloudlet holds, within its storage capacity. No sockets,
 * no simulator: what is stored, what is reserved for a pull on its way, and who needs what.
 *
 * Bytes in use are the stored blocks plus the reservations of pulls in flight; they never
 * exceed Capacity (relative tolerance 1e-9, as PlanEvaluator's storage check).
 *
 * Eviction rule: a stored block may be evicted only if it is *not pinned* (pinned blocks
 * are the ones the current plan holds here, SetPinned) and *not in use* (no waiting or
 * running request holds a reference to it, Acquire/Release). Reserve() evicts such blocks
 * in increasing block index until the new block fits, and evicts nothing if even
 * evicting all of them would not make it fit. SetPinned() evicts at once every stored
 * block that is neither pinned nor in use. A block in use is never evicted.
 */
class BlockStore : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    BlockStore();

    /// TracedCallback signature of BlockStored and BlockEvicted: (block, bytes).
    typedef void (*BlockCallback)(uint32_t block, double bytes);

    /** \param bytes the size of every block, by block index */
    void SetBlockSizes(const std::vector<double>& bytes);
    /** \return the capacity, bytes */
    double GetCapacity() const;
    /** \param block block index \return the block's size, bytes */
    double GetBlockBytes(uint32_t block) const;

    /**
     * \brief Store a block: resident from the start, or arrived by a pull (whose
     * reservation it then uses).
     * \param block block index
     */
    void Add(uint32_t block);
    /** \param block block index \return true if stored */
    bool Has(uint32_t block) const;
    /**
     * \param blocks block indices
     * \return true if every one of them is stored
     */
    bool HasAll(const std::vector<uint32_t>& blocks) const;
    /**
     * \brief Make room for a block on its way, evicting by the rule of the class.
     * \param block block index
     * \return false if it cannot fit (then nothing was evicted)
     */
    bool Reserve(uint32_t block);
    /** \param block a block whose pull failed: release its reservation */
    void CancelReservation(uint32_t block);
    /**
     * \brief The blocks the current plan holds here: never evicted. Evicts every stored
     * block that is neither pinned nor in use.
     * \param blocks block indices
     */
    void SetPinned(const std::vector<uint32_t>& blocks);
    /** \param block block index \return true if the current plan holds it here */
    bool IsPinned(uint32_t block) const;
    /**
     * \brief A waiting or running request needs these blocks: none of them is evicted
     * until as many Release() calls.
     * \param blocks block indices
     */
    void Acquire(const std::vector<uint32_t>& blocks);
    /** \param blocks blocks of an earlier Acquire() */
    void Release(const std::vector<uint32_t>& blocks);
    /** \param block block index \return references held by requests */
    uint32_t GetUseCount(uint32_t block) const;

    /** \return the stored blocks, ascending */
    std::vector<uint32_t> GetStored() const;
    /** \return bytes stored (summed in increasing block index) */
    double GetStoredBytes() const;
    /** \return bytes stored or reserved */
    double GetUsedBytes() const;

  private:
    /**
     * \param block block index
     * \return true if stored, unpinned and unused
     */
    bool IsEvictable(uint32_t block) const;
    /** \param block a stored block to remove */
    void Evict(uint32_t block);

    double m_capacity;                               //!< bytes
    std::vector<double> m_bytes;                     //!< size by block index
    std::set<uint32_t> m_stored;                     //!< stored blocks
    std::set<uint32_t> m_reserved;                   //!< blocks with room reserved
    std::set<uint32_t> m_pinned;                     //!< the plan's blocks
    std::map<uint32_t, uint32_t> m_uses;             //!< references by requests (absent: 0)
    TracedCallback<uint32_t, double> m_storedTrace;  //!< BlockStored
    TracedCallback<uint32_t, double> m_evictedTrace; //!< BlockEvicted
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_BLOCK_STORE_H */
