#pragma once

#include <QDialog>

#include <initializer_list>
#include <optional>

class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QPushButton;

namespace footfall {

class HintLabel;
class Workspace;

// Base of the create dialogs: a form, OK enabled only while the input is valid, and an error
// banner for what only the service can say (the file changed meanwhile, for example). OK runs
// submit(); the dialog closes only if that succeeded.
class ResourceDialog : public QDialog
{
    Q_OBJECT

public:
    Q_DISABLE_COPY_MOVE(ResourceDialog)

    // The ARN of what was created, once accepted.
    QString createdArn() const { return m_createdArn; }
    QPushButton* okButton() const;

    void accept() override;

protected:
    ResourceDialog(Workspace& workspace, const QString& title, QWidget* parent);
    bool event(QEvent* event) override;
    void showEvent(QShowEvent* event) override;

    // Re-checks the form and enables OK when everything is valid.
    void revalidate();
    virtual bool validate() = 0;
    // Creates the resource and returns its ARN; may throw ServiceError or StorageError.
    virtual QString submit() = 0;

    Workspace& workspace() { return m_workspace; }
    QFormLayout* form() const { return m_form; }
    void finishLayout(QLayout* extra = nullptr);
    // Shows `problem` in `target` (nullptr: nowhere) and clears the other `hints`; returns whether
    // there is no problem, for validate().
    static bool showProblemIn(std::initializer_list<HintLabel*> hints, HintLabel* target,
                              const std::optional<QString>& problem);
    // `base`, or `base-2`, `base-3`… : the first that is not in `taken`, cut to a resource name's length.
    static QString unusedName(const QString& base, const QStringList& taken);
    // Sets the dialog's width and the height its form needs at that width.
    void setFormWidth(int width);
    // Hints appear, wrap and go as one types: the dialog grows to show them, and shrinks back as
    // they go unless the person has resized it.
    void fitHeight();

private:
    Workspace& m_workspace;
    QFormLayout* m_form;
    QLabel* m_errorBanner;
    QDialogButtonBox* m_buttons;
    QString m_createdArn;
    int m_fittedHeight = -1; // the height fitHeight() set last
};

} // namespace footfall
