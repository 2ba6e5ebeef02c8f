/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_BLOCK_PULL_HEADER_H
#define MEC_PFM_BLOCK_PULL_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief What a cloudlet sends to the model repository to pull one parameter block.
 *
 * Wire format (12 bytes, network order): block index (u32), block bytes (u64). The
 * repository answers with exactly that many payload bytes on the same TCP connection.
 */
class BlockPullHeader : public Header
{
  public:
    BlockPullHeader();
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    void Print(std::ostream& os) const override;

    /** \param block index into the catalogue's blocks */
    void SetBlock(uint32_t block);
    /** \return index into the catalogue's blocks */
    uint32_t GetBlock() const;
    /** \param bytes size of the block in bytes */
    void SetBytes(uint64_t bytes);
    /** \return size of the block in bytes */
    uint64_t GetBytes() const;

  private:
    uint32_t m_block; //!< block index
    uint64_t m_bytes; //!< block size
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_BLOCK_PULL_HEADER_H */
