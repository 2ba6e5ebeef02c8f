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
 * Eviction rule: a stored block may be evicted only if it is *not in use* (no waiting or
 * running request holds a reference to it, Acquire/Release), and, when the attribute
 * PinPlanned is true, *not pinned* (pinned blocks are the ones the current plan holds here,
 * SetPinned). Reserve() evicts such blocks until the new block fits, in this order: blocks
 * outside the plan first, then the least recently used (stored or acquired longest ago),
 * then the lower index; it evicts nothing if even evicting all of them would not make it
 * fit. A block in use is never evicted.
 *
 * PinPlanned true (the default) is an offline plan carried out: SetPinned() evicts at once
 * every stored block that is neither pinned nor in use, and the plan's blocks stay.
 * PinPlanned false is an online policy's placement (AdmissionPolicy::PlanSlot): the plan's
 * blocks are only the last to go, SetPinned() evicts nothing, and a block stays until room
 * is needed. The replay environment (OnlineReplay) follows the same rule.
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
     * \brief The blocks the current plan holds here. With PinPlanned, they are never
     * evicted and every stored block that is neither pinned nor in use is evicted now;
     * without, they are evicted last and nothing is evicted now.
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
    /**
     * \brief Lose everything (the cloudlet went down): every stored block is evicted
     * (traced), reservations and uses are dropped, the pinned set is kept.
     */
    void Clear();
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
     * \return true if stored, unused, and not pinned where PinPlanned holds
     */
    bool IsEvictable(uint32_t block) const;
    /** \param block a block stored or acquired now: the most recently used */
    void Touch(uint32_t block);
    /** \param block a stored block to remove */
    void Evict(uint32_t block);

    double m_capacity;                               //!< bytes
    std::vector<double> m_bytes;                     //!< size by block index
    std::set<uint32_t> m_stored;                     //!< stored blocks
    std::set<uint32_t> m_reserved;                   //!< blocks with room reserved
    std::set<uint32_t> m_pinned;                     //!< the plan's blocks
    std::map<uint32_t, uint32_t> m_uses;             //!< references by requests (absent: 0)
    bool m_pinPlanned;                               //!< PinPlanned attribute
    uint64_t m_clock{0};                             //!< counts Touch() calls
    std::map<uint32_t, uint64_t> m_lastUse;          //!< m_clock at a block's last use
    TracedCallback<uint32_t, double> m_storedTrace;  //!< BlockStored
    TracedCallback<uint32_t, double> m_evictedTrace; //!< BlockEvicted
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_BLOCK_STORE_H */
