#pragma once

#include <QStandardItemModel>

namespace footfall {

class Workspace;

// The navigation tree: the welcome page, dataset groups with their datasets and event tracker, then
// the schemas.
class NavigationModel final : public QStandardItemModel
{
    Q_OBJECT

public:
    enum class NodeKind
    {
        DatasetGroup = 1,
        Dataset,
        EventTracker,
        SchemaFolder,
        Schema,
        Events,
        RequestLog,
        Readiness,
        Attribution,
        EventMetrics,
        Solution,
        Campaign,
        Recommender,
        Welcome
    };
    // ArnRole: the resource's ARN, or for the Events, Request log and Readiness views the group's.
    // KeyRole: unique per node, to find the same node again after a rebuild.
    enum Role
    {
        KindRole = Qt::UserRole + 1,
        ArnRole,
        KeyRole
    };

    explicit NavigationModel(QObject* parent = nullptr);
    Q_DISABLE_COPY_MOVE(NavigationModel)

    void rebuild(Workspace* workspace);
    QModelIndex indexOfArn(const QString& arn) const;
    QModelIndex indexOfKey(const QString& key) const;
    static QString keyOf(NodeKind kind, const QString& arn);
    static bool isResource(NodeKind kind);
    // True while some resource is still being created or deleted, so its status will change.
    bool hasTransientStatus() const { return m_hasTransientStatus; }

private:
    bool m_hasTransientStatus = false;
};

} // namespace footfall
