/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_INFERENCE_RESPONSE_HEADER_H
#define MEC_PFM_INFERENCE_RESPONSE_HEADER_H

#include "inference-message.h"

#include "ns3/header.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Header of an inference response (serving site to home, home to user), followed
 * by InferenceMessage::outputBytes of payload when the status is COMPLETED.
 *
 * Wire format (69 bytes): id u32, model u32, site u32, tokens (double bits u64),
 * outputBytes u64, status u8 (low 4 bits the InferenceStatus, high 4 bits the
 * FailureReason), sent, arrived, modelReady, started, finished (time steps, u64 each).
 */
class InferenceResponseHeader : public Header
{
  public:
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

    /** \param m the fields to carry (inputBytes and decided are not carried) */
    void SetMessage(const InferenceMessage& m);
    /** \return the carried fields */
    const InferenceMessage& GetMessage() const;

  private:
    InferenceMessage m_msg; //!< fields
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_INFERENCE_RESPONSE_HEADER_H */
