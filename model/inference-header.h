/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_INFERENCE_HEADER_H
#define MEC_PFM_INFERENCE_HEADER_H

#include "ns3/header.h"
#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief How an inference request ended.
 */
enum class InferenceStatus : uint8_t
{
    COMPLETED = 0, //!< served, response received
    REJECTED = 1,  //!< rejected by the admission decision
    FAILED = 2     //!< lost, refused or timed out
};

/**
 * \ingroup mec-pfm
 * \brief Everything the request and response headers carry about one inference request.
 *
 * Times are simulation times. The delay parts a client reports are
 * upload = arrived - sent, wait-for-model = modelReady - arrived,
 * queueing = started - modelReady, processing = finished - started,
 * download = received - finished.
 */
struct InferenceMessage
{
    uint32_t requestId{0};                           //!< request id (scenario index)
    uint32_t model{0};                               //!< serving model (set by the home)
    uint32_t site{0};                                //!< serving site (set by the home)
    double tokens{0};                                //!< tokens processed
    uint64_t inputBytes{0};                          //!< request payload bytes
    uint64_t outputBytes{0};                         //!< response payload bytes
    bool decided{false};                             //!< model/site are a decision (forwarded)
    InferenceStatus status{InferenceStatus::FAILED}; //!< response status
    Time sent;                                       //!< client sent the request
    Time arrived;                                    //!< fully received at the serving site
    Time modelReady;                                 //!< serving model's blocks all present
    Time started;                                    //!< a server started processing
    Time finished;                                   //!< processing finished
};

/**
 * \ingroup mec-pfm
 * \brief Header of an inference request: what a user sends to its home cloudlet and what
 * the home forwards to the serving site. Followed by InferenceMessage::inputBytes of payload.
 *
 * Wire format (45 bytes): id u32, model u32, site u32, tokens (IEEE double as u64),
 * inputBytes u64, outputBytes u64, decided u8, sent (ns, u64).
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

/**
 * \ingroup mec-pfm
 * \brief Header of an inference response (serving site to home, home to user), followed
 * by InferenceMessage::outputBytes of payload when the status is COMPLETED.
 *
 * Wire format (70 bytes): id u32, model u32, site u32, tokens (double bits u64),
 * outputBytes u64, status u8, sent, arrived, modelReady, started, finished (ns, u64 each).
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

#endif /* MEC_PFM_INFERENCE_HEADER_H */
