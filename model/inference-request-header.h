/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_INFERENCE_REQUEST_HEADER_H
#define MEC_PFM_INFERENCE_REQUEST_HEADER_H

#include "inference-message.h"

#include "ns3/header.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Header of an inference request: what a user sends to its home cloudlet and what
 * the home forwards to the serving site. Followed by InferenceMessage::inputBytes of payload.
 *
 * It carries what the home needs to decide (the policy reads the request from the header
 * it received, not from a global scenario): the request's identity (id, the client's
 * sequence number of this send), home, task, accuracy floor, sizes and tokens.
 *
 * Wire format (65 bytes): id u32, seq u32, home u32, task u32, minAccuracy (IEEE double
 * as u64), model u32, site u32, tokens (double as u64), inputBytes u64, outputBytes u64,
 * decided u8, sent (time steps, u64).
 */
class InferenceRequestHeader : public Header
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

    /** \param m the fields to carry (times other than sent are not carried) */
    void SetMessage(const InferenceMessage& m);
    /** \return the carried fields */
    const InferenceMessage& GetMessage() const;

  private:
    InferenceMessage m_msg; //!< fields
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_INFERENCE_REQUEST_HEADER_H */
