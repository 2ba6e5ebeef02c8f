/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_SITE_STATE_HEADER_H
#define MEC_PFM_SITE_STATE_HEADER_H

#include "reported-site-state-view.h"

#include "ns3/header.h"

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief Header of a state report: one site's SiteStateReport, sent by the site every
 * StateReportInterval to the decision makers (PfmSiteApp; doc/mpi.rst, "Decisions and state
 * across ranks"). The whole datagram is this header.
 *
 * Wire format (28 + 2 ceil(n/8) bytes for n blocks): site u32, stamp (time steps, u64),
 * queue length u32, busy servers u32, pulls in flight u32, n u32, the stored bitmap and the
 * pending-pull bitmap of ceil(n/8) bytes each (block b is bit b % 8, least significant
 * first, of byte b / 8). With the default catalogue's blocks that is a few tens of bytes,
 * where bytes per model as doubles would be 8 per model.
 */
class SiteStateHeader : public Header
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

    /**
     * \param report the report to carry (its pending bitmap is cut or padded with false to
     *        the length of its stored bitmap)
     */
    void SetReport(const SiteStateReport& report);
    /** \return the carried report */
    const SiteStateReport& GetReport() const;

  private:
    SiteStateReport m_report; //!< fields
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_SITE_STATE_HEADER_H */
