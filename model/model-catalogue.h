/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef MEC_PFM_MODEL_CATALOGUE_H
#define MEC_PFM_MODEL_CATALOGUE_H

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace mecpfm
{

/**
 * \ingroup mec-pfm
 * \brief A content-addressed block of parameters (identical content = identical id).
 */
struct PfmBlock
{
    std::string id;  //!< content id, for example "llama-2-7b/base"
    double bytes{0}; //!< size s_k in bytes
};

/**
 * \ingroup mec-pfm
 * \brief A fine-tuned foundation model: the set B_m of its blocks, its task and accuracy.
 */
struct PfmModel
{
    std::string id;               //!< model id, unique in the catalogue
    std::string family;           //!< base family ("" if the model shares nothing)
    std::string task;             //!< the task t(m) it serves
    double accuracy{0};           //!< a_m in [0,1] on that task
    double flopsPerToken{0};      //!< forward FLOPs per token processed (~2 x parameters)
    std::vector<uint32_t> blocks; //!< indices into ModelCatalogue::GetBlocks(), sorted, unique
};

/**
 * \ingroup mec-pfm
 * \brief The blocks and the fine-tuned models built from them.
 *
 * Plain data with indices: block k is GetBlocks()[k], model m is GetModels()[m].
 * The catalogue checks references when models are added.
 */
class ModelCatalogue
{
  public:
    /**
     * \brief Add a block.
     * \param id unique block id
     * \param bytes size in bytes (> 0)
     * \return its index
     * \throws std::invalid_argument on an empty or duplicate id or a non-positive size
     */
    uint32_t AddBlock(const std::string& id, double bytes);

    /**
     * \brief Add a model made of existing blocks.
     * \param model the model; its blocks field is ignored
     * \param blockIds ids of blocks already added (duplicates are an error)
     * \return its index
     * \throws std::invalid_argument on an empty or duplicate model id, an empty task, an
     * accuracy outside [0,1], non-positive FLOPs per token, no blocks, an unknown block or
     * a block listed twice
     */
    uint32_t AddModel(PfmModel model, const std::vector<std::string>& blockIds);

    /// \return all blocks
    const std::vector<PfmBlock>& GetBlocks() const;
    /// \return all models
    const std::vector<PfmModel>& GetModels() const;
    /// \return the number of blocks
    uint32_t GetNBlocks() const;
    /// \return the number of models
    uint32_t GetNModels() const;

    /**
     * \param id block id
     * \return its index, or -1 if unknown
     */
    int64_t FindBlock(const std::string& id) const;
    /**
     * \param id model id
     * \return its index, or -1 if unknown
     */
    int64_t FindModel(const std::string& id) const;

    /// \return the size of model m: the sum of its blocks' bytes
    double GetModelBytes(uint32_t m) const;
    /// \return the bytes of the union of the blocks of the given models (shared counted once)
    double GetUnionBytes(const std::vector<uint32_t>& models) const;
    /// \return the bytes of all distinct blocks (every block counted once)
    double GetTotalUniqueBytes() const;
    /// \return the sum over models of their sizes (shared blocks counted once per model)
    double GetTotalModelBytes() const;
    /// \return the tasks served by at least one model, sorted
    std::vector<std::string> GetTasks() const;
    /// \return the models serving task, in index order
    std::vector<uint32_t> GetModelsForTask(const std::string& task) const;

  private:
    std::vector<PfmBlock> m_blocks;               //!< blocks
    std::vector<PfmModel> m_models;               //!< models
    std::map<std::string, uint32_t> m_blockIndex; //!< id -> block index
    std::map<std::string, uint32_t> m_modelIndex; //!< id -> model index
};

} // namespace mecpfm
} // namespace ns3

#endif /* MEC_PFM_MODEL_CATALOGUE_H */
